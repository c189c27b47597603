package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --env-vars file read and applied the way sam local invoke does. */
class EnvVarsTest {

    @TempDir
    Path dir;

    private Map<String, Map<String, String>> read(String json) throws IOException, LocalApiException {
        return EnvVars.read(Files.writeString(dir.resolve("env.json"), json));
    }

    private static Map<String, String> declared() {
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put("TABLE", "from-template");
        declared.put("ENDPOINT", "");
        declared.put("LEVEL", "INFO");
        return declared;
    }

    @Test
    void apply_replacesOnlyDeclaredVariables_andIgnoresTheRest() throws Exception {
        Map<String, Map<String, String>> file = read("{\"Fn\": {\"TABLE\": \"local\", \"UNDECLARED\": \"x\"}}");

        assertEquals(Map.of("TABLE", "local", "ENDPOINT", "", "LEVEL", "INFO"),
                EnvVars.apply("Fn", declared(), file));
    }

    @Test
    void apply_parametersReachEveryFunction_andAFunctionsOwnEntryWins() throws Exception {
        Map<String, Map<String, String>> file = read("""
                {"Parameters": {"TABLE": "shared", "ENDPOINT": "http://127.0.0.1:8000"},
                 "Fn": {"TABLE": "own"}}""");

        assertEquals(Map.of("TABLE", "own", "ENDPOINT", "http://127.0.0.1:8000", "LEVEL", "INFO"),
                EnvVars.apply("Fn", declared(), file));
        assertEquals(Map.of("TABLE", "shared", "ENDPOINT", "http://127.0.0.1:8000", "LEVEL", "INFO"),
                EnvVars.apply("Other", declared(), file));
    }

    @Test
    void apply_toACdkFunction_takesTheEntryOfItsLogicalId_elseOfItsConstructId_asSamDoes() throws Exception {
        Map<String, Map<String, String>> file = read("""
                {"EchoHandler": {"TABLE": "by-construct-id"}, "Other": {"LEVEL": "DEBUG"}}""");
        List<String> names = List.of("EchoHandlerB75BC5D4", "EchoHandler");

        assertEquals("by-construct-id", EnvVars.apply(names, declared(), file).get("TABLE"));
        file.put("EchoHandlerB75BC5D4", Map.of("TABLE", "by-logical-id"));
        assertEquals("by-logical-id", EnvVars.apply(names, declared(), file).get("TABLE"));
    }

    @Test
    void apply_withoutAFile_keepsTheTemplatesValues() {
        assertEquals(declared(), EnvVars.apply("Fn", declared(), Map.of()));
    }

    @Test
    void read_makesStringsOfValuesAsSamDoes() throws Exception {
        Map<String, String> fn = read("""
                {"Fn": {"A": 7800, "B": true, "C": false, "D": null, "E": {"x": 1}, "F": [1], "G": "text"}}""")
                .get("Fn");

        assertEquals(Map.of("A", "7800", "B", "true", "C", "false", "D", "", "E", "", "F", "", "G", "text"), fn);
    }

    @Test
    void read_refusesWhatIsNotAnObjectOfObjects_namingTheKey() throws Exception {
        LocalApiException notObject = assertThrows(LocalApiException.class, () -> read("[1]"));
        assertTrue(notObject.getMessage().contains("must be a JSON object of function logical ids"),
                notObject.getMessage());

        LocalApiException flat = assertThrows(LocalApiException.class, () -> read("{\"TABLE\": \"t\"}"));
        assertTrue(flat.getMessage().contains("\"TABLE\" must be an object of variable names to values"),
                flat.getMessage());

        LocalApiException broken = assertThrows(LocalApiException.class, () -> read("{\"Fn\": "));
        assertTrue(broken.getMessage().contains("cannot be read as JSON"), broken.getMessage());
    }
}
