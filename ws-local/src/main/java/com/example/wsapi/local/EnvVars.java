package com.example.wsapi.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --env-vars} file, read and applied as {@code sam local invoke} does: a JSON object whose keys are
 * function logical ids, or {@code "Parameters"} for every function, each holding variable names and values. A value
 * replaces a variable only where the template declares that variable for the function (an undeclared one is
 * ignored, as by SAM); a function's own entry wins over {@code Parameters}. Values become strings as SAM makes them:
 * numbers as written, {@code true}/{@code false}, and null, objects and arrays as "".
 * Unlike SAM, the shell's own variables never replace declared ones (SAM lets a variable of the same name in the
 * shell win over the template's value, which makes runs differ from machine to machine).
 */
public final class EnvVars {

    /** The key whose variables apply to every function (CloudFormation's parameter file format). */
    public static final String PARAMETERS = "Parameters";

    private EnvVars() {}

    /** The file's overrides: logical id (or {@value #PARAMETERS}) to variable name to value. */
    public static Map<String, Map<String, String>> read(Path file) throws LocalApiException {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(file));
        } catch (IOException | JsonParseException e) {
            throw new LocalApiException("--env-vars " + file + " cannot be read as JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new LocalApiException("--env-vars " + file + " must be a JSON object of function logical ids (or \""
                    + PARAMETERS + "\") to objects of variables, as for sam local --env-vars");
        }
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject().entrySet()) {
            if (!entry.getValue().isJsonObject()) {
                throw new LocalApiException("--env-vars " + file + ": \"" + entry.getKey() + "\" must be an object "
                        + "of variable names to values, e.g. {\"" + entry.getKey() + "\": {\"TABLE_NAME\": \"t\"}}");
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> variable : entry.getValue().getAsJsonObject().entrySet()) {
                variables.put(variable.getKey(), text(variable.getValue()));
            }
            overrides.put(entry.getKey(), variables);
        }
        return overrides;
    }

    /**
     * A function's environment: the template's variables, each replaced by the file's value where it gives one.
     *
     * @param declared  the variables the template declares for the function, with their values
     * @param overrides what {@link #read} returned (empty without a file)
     */
    public static Map<String, String> apply(String logicalId, Map<String, String> declared,
                                            Map<String, Map<String, String>> overrides) {
        return apply(List.of(logicalId), declared, overrides);
    }

    /**
     * As {@link #apply(String, Map, Map)} for a function with more names than its logical id: its entry is the one of
     * the first name the file has one for, as the SAM CLI looks (the logical id, then a CDK app's construct id).
     */
    public static Map<String, String> apply(List<String> names, Map<String, String> declared,
                                            Map<String, Map<String, String>> overrides) {
        Map<String, String> given = new HashMap<>(overrides.getOrDefault(PARAMETERS, Map.of()));
        names.stream().filter(overrides::containsKey).findFirst().ifPresent(name -> given.putAll(overrides.get(name)));
        Map<String, String> environment = new LinkedHashMap<>(declared);
        environment.replaceAll((name, value) -> given.getOrDefault(name, value));
        return environment;
    }

    private static String text(JsonElement value) {
        if (value.isJsonPrimitive()) {
            JsonPrimitive primitive = value.getAsJsonPrimitive();
            return primitive.isBoolean() ? Boolean.toString(primitive.getAsBoolean()) : primitive.getAsString();
        }
        return ""; // null, an object or an array: SAM passes them as an empty string
    }
}
