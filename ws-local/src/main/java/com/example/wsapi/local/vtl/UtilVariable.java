package com.example.wsapi.local.vtl;

import com.example.wsapi.local.json.StrictJson;
import com.google.gson.JsonElement;
import org.apache.commons.text.StringEscapeUtils;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code $util} in a mapping template, as API Gateway's mapping template reference defines it (UTF-8 throughout).
 * Stateless; public only so that the template engine can call it. Any value is taken as its text (a number as its
 * digits); a null argument (a missing value) gives null, which renders empty.
 */
public final class UtilVariable {

    UtilVariable() {}

    /**
     * JavaScript string escaping, single quotes included: {@code it's} becomes {@code it\'s}, which is not valid
     * inside JSON; API Gateway's documented remedy is {@code $util.escapeJavaScript(x).replaceAll("\\'","'")}.
     * Double quotes, backslashes, slashes and control characters are escaped, and every character outside ASCII
     * becomes {@code \}{@code uXXXX}.
     */
    public String escapeJavaScript(Object value) {
        // Unconfirmed beyond the quotes: the rest is commons-lang's JavaScript escaping, taken to be API Gateway's.
        return value == null ? null : StringEscapeUtils.escapeEcmaScript(value.toString());
    }

    /** "Stringified" JSON as an object to navigate, like {@code $input.path}: {@code $util.parseJson(s).key.arr[0]}. */
    public Object parseJson(Object json) {
        if (json == null) {
            return null;
        }
        JsonElement element = StrictJson.parse(json.toString());
        // Unconfirmed what API Gateway does with text that is not JSON, here and in the decoders: the template fails.
        if (element == null) {
            throw new IllegalArgumentException("the text is not JSON: " + preview(json.toString()));
        }
        return JsonValues.toTemplateValue(element);
    }

    /** application/x-www-form-urlencoded: {@code a b&c} becomes {@code a+b%26c}. */
    public String urlEncode(Object value) {
        return value == null ? null : URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    /** The reverse of {@link #urlEncode}: {@code a+b%26c} becomes {@code a b&c}. */
    public String urlDecode(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return URLDecoder.decode(value.toString(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not URL-encoded text: " + preview(value.toString()), e);
        }
    }

    /** Base64 (standard alphabet, padded) of the text's UTF-8 bytes. */
    public String base64Encode(Object value) {
        return value == null ? null
                : Base64.getEncoder().encodeToString(value.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The text whose UTF-8 bytes the Base64 (standard alphabet) stands for. */
    public String base64Decode(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(value.toString()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not Base64: " + preview(value.toString()), e);
        }
    }

    /** Enough of a value to recognise it in an error message. */
    private static String preview(String text) {
        return text.length() <= 40 ? "'" + text + "'" : "'" + text.substring(0, 40) + "...'";
    }
}
