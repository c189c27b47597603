package com.example.wsapi.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --parameter-overrides} values, in every form {@code sam deploy} takes and ws-local's own: pairs
 * separated by spaces ({@code Env=prod Suffix=x}, one argument or several) or by commas ({@code Env=prod,Suffix=x}),
 * {@code ParameterKey=Env,ParameterValue=prod}, and values in double or single quotes ({@code Name="a b"}). A comma
 * followed by no {@code Key=} continues the value, so a list parameter takes {@code Subnets=a,b}.
 */
final class ParameterOverrides {

    private static final Pattern CLOUDFORMATION_FORM = Pattern.compile("ParameterKey=([^,]*),ParameterValue=(.*)");
    /** A CloudFormation parameter name is alphanumeric. */
    private static final Pattern PAIR = Pattern.compile("([A-Za-z0-9]+)=(.*)");

    private ParameterOverrides() {}

    /** The overrides by parameter name, in the order given; a parameter given twice takes the later value. */
    static Map<String, String> parse(List<String> arguments) throws LocalApiException {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String argument : arguments) {
            for (String token : split(argument, ' ')) {
                Matcher cloudFormation = CLOUDFORMATION_FORM.matcher(token);
                if (cloudFormation.matches()) {
                    overrides.put(cloudFormation.group(1), unquote(cloudFormation.group(2)));
                    continue;
                }
                String key = null;
                for (String piece : split(token, ',')) {
                    Matcher pair = PAIR.matcher(piece);
                    if (pair.matches()) {
                        key = pair.group(1);
                        overrides.put(key, unquote(pair.group(2)));
                    } else if (key != null) {
                        overrides.put(key, overrides.get(key) + "," + unquote(piece)); // a list value: a,b
                    } else {
                        throw new LocalApiException("--parameter-overrides: \"" + piece + "\" is not Key=Value: "
                                + "write Key=Value pairs separated by spaces or commas, e.g. Env=prod Suffix=x");
                    }
                }
            }
        }
        return overrides;
    }

    /** {@code text} split at {@code separator} (and, for spaces, any whitespace) outside quotes; no empty parts. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == separator || (separator == ' ' && Character.isWhitespace(c))) {
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                }
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
