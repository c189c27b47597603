package com.example.wsapi.local.template;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A function's {@code LoggingConfig}, as Lambda applies it: the format the runtime writes application logs in, the
 * least severe application log level passed on (JSON only), and the log group.
 *
 * @param format              {@code Text} (Lambda's default) or {@code JSON}
 * @param applicationLogLevel TRACE, DEBUG, INFO, WARN, ERROR or FATAL; null when not set (with JSON, INFO applies)
 * @param systemLogLevel      DEBUG, INFO or WARN; null when not set
 * @param logGroup            the log group's name; null for Lambda's {@code /aws/lambda/<function name>}
 */
public record FunctionLogging(String format, String applicationLogLevel, String systemLogLevel, String logGroup) {

    /** No LoggingConfig: plain text to the function's own log group. */
    public static final FunctionLogging DEFAULT = new FunctionLogging("Text", null, null, null);

    static final List<String> FORMATS = List.of("Text", "JSON");
    static final List<String> APPLICATION_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    static final List<String> SYSTEM_LEVELS = List.of("DEBUG", "INFO", "WARN");
    private static final List<String> PROPERTIES = List.of("LogFormat", "ApplicationLogLevel", "SystemLogLevel", "LogGroup");
    /** Lambda's constraint on a log group name. */
    private static final Pattern LOG_GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");

    /** Whether the runtime writes each log record as a JSON object. */
    public boolean json() {
        return "JSON".equals(format);
    }

    /**
     * The variables Lambda gives the runtime for this configuration: the runtime interface client formats and filters
     * {@code LambdaLogger} records by them, and logging libraries (Powertools, log4j2's Lambda appender) read them.
     */
    public Map<String, String> runtimeVariables() {
        return json() ? Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON",
                "AWS_LAMBDA_LOG_LEVEL", applicationLogLevel == null ? "INFO" : applicationLogLevel) : Map.of();
    }

    /**
     * Reads a resolved {@code LoggingConfig} (null or absent: {@link #DEFAULT}), refusing what Lambda refuses.
     *
     * @param at the property's location, e.g. {@code Resources.Fn.Properties.LoggingConfig}
     */
    static FunctionLogging read(Object config, String at) {
        if (config == null || config == Intrinsics.NO_VALUE) {
            return DEFAULT;
        }
        if (!(config instanceof Map<?, ?> settings)) {
            throw new TemplateProblem(at, "must be a mapping of " + String.join(", ", PROPERTIES));
        }
        for (Object key : settings.keySet()) {
            if (!PROPERTIES.contains(String.valueOf(key))) {
                throw new TemplateProblem(at + "." + key, "is not a LoggingConfig property; Lambda knows "
                        + String.join(", ", PROPERTIES));
            }
        }
        String format = oneOf(settings, "LogFormat", FORMATS, at);
        String application = oneOf(settings, "ApplicationLogLevel", APPLICATION_LEVELS, at);
        String system = oneOf(settings, "SystemLogLevel", SYSTEM_LEVELS, at);
        boolean json = "JSON".equals(format);
        if (!json && (application != null || system != null)) {
            // Lambda refuses the function: it filters by level only records it reads as JSON.
            throw new TemplateProblem(at + "." + (application != null ? "ApplicationLogLevel" : "SystemLogLevel"),
                    "log levels apply only to JSON logs, and Lambda refuses them with LogFormat "
                            + (format == null ? "Text (the default)" : format) + ": add LogFormat: JSON, or remove the level");
        }
        String logGroup = text(settings.get("LogGroup"), at + ".LogGroup");
        if (logGroup != null && !LOG_GROUP.matcher(logGroup).matches()) {
            throw new TemplateProblem(at + ".LogGroup", "\"" + logGroup + "\" is not a log group name Lambda accepts: "
                    + "use 1 to 512 letters, digits, or . - _ / #");
        }
        return new FunctionLogging(format == null ? "Text" : format, application, system, logGroup);
    }

    private static String oneOf(Map<?, ?> settings, String property, List<String> allowed, String at) {
        String value = text(settings.get(property), at + "." + property);
        if (value != null && !allowed.contains(value)) {
            throw new TemplateProblem(at + "." + property, "\"" + value + "\" is not one of " + allowed
                    + " (Lambda's values are case-sensitive)");
        }
        return value;
    }

    private static String text(Object value, String at) {
        return value == null || value == Intrinsics.NO_VALUE ? null : Intrinsics.text(value, at);
    }
}
