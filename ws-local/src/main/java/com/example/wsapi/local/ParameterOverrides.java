package com.example.wsapi.local;

import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.template.SamConfig;
import com.example.wsapi.local.template.TemplateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --parameter-overrides} values, in every form {@code sam deploy} takes and ws-local's own: pairs
 * separated by spaces ({@code Env=prod Suffix=x}, one argument or several) or by commas ({@code Env=prod,Suffix=x}),
 * {@code ParameterKey=Env,ParameterValue=prod}, and values in double or single quotes ({@code Name="a b"}). A comma
 * followed by no {@code Key=} continues the value, so a list parameter takes {@code Subnets=a,b}. Given no
 * {@code --parameter-overrides}, {@code parameter_overrides} of the SAM CLI's config file, in the same forms: a string,
 * or a list of strings (as the SAM CLI takes it), from the section of the SAM CLI command the ws-local command stands
 * for ({@code deploy} for the API, {@code local_invoke} for {@code invoke}), else the global one. The command line
 * replaces the file's values entirely, as in the SAM CLI, where a command-line option replaces the config file's value
 * of it.
 */
final class ParameterOverrides {

    /** The option's name, and the key of the SAM CLI's config file. */
    static final String OPTION = "--parameter-overrides";
    static final String CONFIG_KEY = "parameter_overrides";

    /**
     * The values a run takes and where they came from.
     *
     * @param byName the overrides by parameter name
     * @param source {@value #OPTION}, the config file and its section (for the banner), or null when none were given
     */
    record Values(Map<String, String> byName, String source) {
        Values {
            byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName)); // in the order given, for the banner
        }

        /** Whether the values came from the SAM CLI's config file. */
        boolean fromConfigFile() {
            return source != null && !source.equals(OPTION);
        }
    }

    private static final Pattern CLOUDFORMATION_FORM = Pattern.compile("ParameterKey=([^,]*),ParameterValue=(.*)");
    /** A CloudFormation parameter name is alphanumeric. */
    private static final Pattern PAIR = Pattern.compile("([A-Za-z0-9]+)=(.*)");

    private ParameterOverrides() {}

    /**
     * The values to run with: the command line's when it gave any (even an empty one), else the config file's.
     *
     * @param option  the parsed {@value #OPTION}, or null when not given
     * @param config  the SAM CLI's config file, read; empty when there is none
     * @param command the SAM CLI command whose section is read before the global one, e.g. {@code deploy}
     */
    static Values choose(Map<String, String> option, Optional<SamConfig> config, String command)
            throws LocalApiException {
        if (option != null) {
            return new Values(option, option.isEmpty() ? null : OPTION);
        }
        Optional<SamConfig.Setting> setting = config.flatMap(c -> c.setting(command, CONFIG_KEY));
        if (setting.isEmpty()) {
            return new Values(Map.of(), null);
        }
        String where = config.get().fileName() + " [" + setting.get().section() + "]";
        Map<String, String> values = parse(configured(setting.get().value(), config.get().file() + ": "
                + CONFIG_KEY + " in [" + setting.get().section() + "]"), where + " " + CONFIG_KEY);
        return new Values(values, values.isEmpty() ? null : where);
    }

    /**
     * For a command other than the API's ({@code invoke}) that got no values: a warning of the values the deploy
     * section holds and it leaves unread, as the SAM CLI's command does (the API would run with them); else nothing.
     */
    static Optional<LogLine> unreadDeployValues(Map<String, String> option, Optional<SamConfig> config,
                                                String command) {
        if (option != null || config.isEmpty() || command.equals(SamConfig.DEPLOY)
                || config.get().setting(command, CONFIG_KEY).isPresent()) {
            return Optional.empty();
        }
        String env = config.get().env();
        return config.get().setting(SamConfig.DEPLOY, CONFIG_KEY).map(deploy -> LogLine.warning(null, CONFIG_KEY
                + " of " + config.get().fileName() + " [" + deploy.section() + "] is left unread, as sam "
                + command.replace('_', ' ') + " leaves it (it reads [" + env + "." + command + ".parameters], then ["
                + env + ".global.parameters]): the template's parameters take their defaults", "put them in ["
                + env + ".global.parameters] for every command, in [" + env + "." + command + ".parameters], or "
                + "give " + OPTION));
    }

    /**
     * For a template error about its Parameters when the values came from the config file: where they came from, so
     * that a value the user never typed can be found; else nothing.
     */
    static String whence(Values values, TemplateException templateError) {
        return values != null && values.fromConfigFile() && templateError.concernsParameters()
                ? " (parameter values from " + values.source() + " " + CONFIG_KEY + "; " + OPTION + " replaces them)"
                : "";
    }

    /** The config file's value as the option's arguments: a string, or a list of strings. */
    private static List<String> configured(Object value, String where) throws LocalApiException {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list) {
            List<String> arguments = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    throw new LocalApiException(where + " has " + describe(item) + " in its list: the SAM CLI takes "
                            + "strings there, e.g. [\"Env=prod\", \"Suffix=x\"]");
                }
                arguments.add(text);
            }
            return arguments;
        }
        throw new LocalApiException(where + " is " + describe(value) + ": the SAM CLI takes a string "
                + "(\"Env=prod Suffix=x\") or a list of strings ([\"Env=prod\", \"Suffix=x\"])");
    }

    private static String describe(Object value) {
        return value instanceof Map<?, ?> ? "a table" : value instanceof List<?> ? "a list"
                : value instanceof Number ? "the number " + value : "the " + (value instanceof Boolean ? "boolean "
                : value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " ") + value;
    }

    /** The {@value #OPTION} arguments' overrides by parameter name, as {@link #parse(List, String)}. */
    static Map<String, String> parse(List<String> arguments) throws LocalApiException {
        return parse(arguments, OPTION);
    }

    /**
     * The overrides by parameter name, in the order given; a parameter given twice takes the later value.
     *
     * @param where what gave them, for the message when one is no pair
     */
    static Map<String, String> parse(List<String> arguments, String where) throws LocalApiException {
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
                        throw new LocalApiException(where + ": \"" + piece + "\" is not Key=Value: "
                                + (piece.startsWith("file://") ? "ws-local reads no parameter files; " : "")
                                + "write Key=Value pairs separated by spaces or commas, e.g. Env=prod Suffix=x, "
                                + "and quote a value with spaces: Name=\"a b\"");
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
