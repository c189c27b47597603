package com.example.wsapi.local.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** {@code $util} against API Gateway's mapping template reference and what AWS answered where the page is silent. */
class UtilVariableTest {

    private final Templates templates = new Templates();

    // --- escapeJavaScript ---

    @Test
    void escapeJavaScript_escapesSingleQuotes_theDocumentedQuirk() throws Exception {
        // Reference: "This function will turn any regular single quotes (') into escaped ones (\')."
        assertEquals("it\\'s", templates.onMessage("$util.escapeJavaScript(\"it's\")", "{}"));
    }

    @Test
    void escapeJavaScript_documentedRemedy_replaceAllTurnsTheQuotesBack() throws Exception {
        // Reference: "you must turn any escaped single quotes (\') back to regular single quotes (')":
        //   $util.escapeJavaScript(data).replaceAll("\\'","'")
        String template = "{\"text\": \"$util.escapeJavaScript($input.path('$.text')).replaceAll(\"\\\\'\",\"'\")\"}";
        String rendered = templates.onMessage(template, "{\"text\":\"it's \\\"quoted\\\"\"}");
        assertEquals("{\"text\": \"it's \\\"quoted\\\"\"}", rendered);
        assertEquals("it's \"quoted\"", JsonParser.parseString(rendered).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void escapeJavaScript_escapesQuotesBackslashesSlashesAndControlCharacters() throws Exception {
        String frame = "{\"s\":\"a\\\"b\\\\c/d\\n\\te\"}";
        assertEquals("a\\\"b\\\\c\\/d\\n\\te", templates.onMessage("$util.escapeJavaScript($input.path('$.s'))", frame));
    }

    @Test
    void escapeJavaScript_ofJson_documentedUse() throws Exception {
        // Reference: "$util.escapeJavaScript($input.json('$.mykey'))" so that the JSON can sit inside a string.
        assertEquals("{\\\"a\\\":[1,2]}",
                templates.onMessage("$util.escapeJavaScript($input.json('$.mykey'))", "{\"mykey\":{\"a\":[1,2]}}"));
    }

    @Test
    void escapeJavaScript_writesCharactersOutsideAsciiAsUnicodeEscapes() throws Exception {
        assertEquals("h\\u00E9llo \\uD83D\\uDE00 \\u65E5",
                templates.onMessage("$util.escapeJavaScript($input.path('$.s'))", "{\"s\":\"héllo 😀 日\"}"));
    }

    @Test
    void escapeJavaScript_ofAMissingValue_rendersEmpty() throws Exception {
        assertEquals("[]", templates.onMessage("[$util.escapeJavaScript($input.path('$.missing'))]", "{}"));
    }

    // --- parseJson ---

    @Test
    void parseJson_documentedExample() throws Exception {
        // Reference: payload {"errorMessage":"{\"key1\":\"var1\",\"key2\":{\"arr\":[1,2,3]}}"} and the template
        //   #set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
        //   { "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0] }
        // give { "errorMessageObjKey2ArrVal" : 1 }
        String template = """
                #set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
                {
                   "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0]
                }
                """;
        String payload = "{\"errorMessage\":\"{\\\"key1\\\":\\\"var1\\\",\\\"key2\\\":{\\\"arr\\\":[1,2,3]}}\"}";
        assertEquals("{\n   \"errorMessageObjKey2ArrVal\" : 1\n}\n", templates.onMessage(template, payload));
    }

    @Test
    void parseJson_givesValuesToNavigate_likePath() throws Exception {
        assertEquals("3|{a=1}|[1,2]|x|true", templates.onMessage("$util.parseJson('[1,2,3]').size()|"
                + "$util.parseJson('{\"a\":1}')|$util.parseJson('[1,2]')|$util.parseJson('\"x\"')|"
                + "$util.parseJson('true')", "{}"));
    }

    @Test
    void parseJson_ofTextThatIsNotJson_failsNamingThePlace() {
        MappingTemplateException e = templates.failure("x\n  $util.parseJson('{not json')", "{}");
        // The place is the method's name: line 2, column 9.
        assertEquals(Templates.NAME + ": line 2, column 9: parseJson(...) failed: the text is not JSON: '{not json'",
                e.getMessage());
    }

    // --- urlEncode, urlDecode ---

    @Test
    void urlEncode_isFormUrlEncoding() throws Exception {
        // AWS (REST, recorded): "EncodedBody=$util.urlEncode($input.body)" on {"some": "value"} and "some raw data".
        assertEquals("EncodedBody=%7B%22some%22%3A+%22value%22%7D",
                templates.onMessage("EncodedBody=$util.urlEncode($input.body)", "{\"some\": \"value\"}"));
        assertEquals("EncodedBody=some+raw+data",
                templates.onMessage("EncodedBody=$util.urlEncode($input.body)", "some raw data"));
    }

    @Test
    void urlEncode_ofAMissingValue_rendersEmpty() throws Exception {
        // AWS (REST, recorded): "EncodedBodyAccess=$util.urlEncode($input.body.testAccess)" gives "EncodedBodyAccess=".
        assertEquals("EncodedBodyAccess=",
                templates.onMessage("EncodedBodyAccess=$util.urlEncode($input.body.testAccess)", "{\"some\": \"value\"}"));
    }

    @Test
    void urlEncode_encodesUnicodeAsUtf8_andNumbersAsTheirDigits() throws Exception {
        assertEquals("h%C3%A9+%F0%9F%98%80%26|42",
                templates.onMessage("$util.urlEncode($input.path('$.s'))|$util.urlEncode($input.path('$.n'))",
                        "{\"s\":\"hé 😀&\",\"n\":42}"));
    }

    @Test
    void urlDecode_reversesUrlEncode() throws Exception {
        assertEquals("x=a b&c=é", templates.onMessage("$util.urlDecode('x%3Da+b%26c%3D%C3%A9')", "{}"));
        assertEquals("it's é 😀", templates.onMessage(
                "$util.urlDecode($util.urlEncode($input.path('$.s')))", "{\"s\":\"it's é 😀\"}"));
    }

    @Test
    void urlDecode_ofBrokenEscapes_failsNamingThePlace() {
        MappingTemplateException e = templates.failure("$util.urlDecode('%zz')", "{}");
        assertEquals(Templates.NAME + ": line 1, column 7: urlDecode(...) failed: not URL-encoded text: '%zz'",
                e.getMessage());
    }

    // --- base64Encode, base64Decode ---

    @Test
    void base64Encode_encodesTheUtf8Bytes() throws Exception {
        assertEquals("aGVsbG8=|w6kg8J+YgA==", templates.onMessage(
                "$util.base64Encode('hello')|$util.base64Encode($input.path('$.s'))", "{\"s\":\"é 😀\"}"));
    }

    @Test
    void base64Decode_decodesToText() throws Exception {
        assertEquals("hello|é 😀", templates.onMessage(
                "$util.base64Decode('aGVsbG8=')|$util.base64Decode($util.base64Encode($input.path('$.s')))",
                "{\"s\":\"é 😀\"}"));
    }

    @Test
    void base64Decode_ofTextThatIsNotBase64_failsNamingThePlace() {
        MappingTemplateException e = templates.failure("$util.base64Decode('not base64!')", "{}");
        assertEquals(Templates.NAME + ": line 1, column 7: base64Decode(...) failed: not Base64: 'not base64!'",
                e.getMessage());
    }
}
