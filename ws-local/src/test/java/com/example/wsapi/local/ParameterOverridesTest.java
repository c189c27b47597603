package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.template.SamConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterOverridesTest {

    @TempDir
    Path dir;

    /** The config file beside a template in {@code dir}, read as ws-local reads it. */
    private Optional<SamConfig> config(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
        return SamConfig.beside(dir.resolve("template.yaml"));
    }

    @Test
    void parse_takesEveryFormOfSamDeploy_andCommas() throws Exception {
        assertEquals(Map.of("Env", "prod", "Suffix", "x"), ParameterOverrides.parse(List.of("Env=prod Suffix=x")));
        assertEquals(Map.of("Env", "prod", "Suffix", "x"), ParameterOverrides.parse(List.of("Env=prod", "Suffix=x")));
        assertEquals(Map.of("Env", "prod", "Suffix", "x"), ParameterOverrides.parse(List.of("Env=prod,Suffix=x")));
        assertEquals(Map.of("Env", "prod", "Suffix", "x"), ParameterOverrides.parse(
                List.of("ParameterKey=Env,ParameterValue=prod ParameterKey=Suffix,ParameterValue=x")));
    }

    @Test
    void parse_keepsQuotedSpaces_listValues_emptyValues_andEqualsSignsInValues() throws Exception {
        assertEquals(Map.of("Name", "a b", "Subnets", "s-1,s-2", "Issuer", "", "Url", "http://h/?a=b"),
                ParameterOverrides.parse(List.of("Name=\"a b\" Subnets=s-1,s-2", "Issuer=,Url=http://h/?a=b")));
    }

    @Test
    void parse_ofAPieceThatIsNoPair_failsShowingTheForm() {
        LocalApiException thrown = assertThrows(LocalApiException.class,
                () -> ParameterOverrides.parse(List.of("Env")));

        assertTrue(thrown.getMessage().contains("\"Env\" is not Key=Value")
                && thrown.getMessage().contains("Env=prod Suffix=x"), thrown.getMessage());
    }

    @Test
    void parse_ofAValueWithAnUnquotedSpace_failsSayingHowToQuoteIt() {
        LocalApiException thrown = assertThrows(LocalApiException.class,
                () -> ParameterOverrides.parse(List.of("StageName=bad stage!")));

        assertTrue(thrown.getMessage().contains("\"stage!\" is not Key=Value")
                && thrown.getMessage().contains("quote a value with spaces: Name=\"a b\""), thrown.getMessage());
    }

    @Test
    void choose_withoutTheOption_takesTheDeploySectionsString_namingFileAndSection() throws Exception {
        Optional<SamConfig> config = config("samconfig.toml", """
                version = 0.1
                [default.global.parameters]
                parameter_overrides = "StageName=global Other=g"
                [default.deploy.parameters]
                parameter_overrides = "StageName=prod TableSuffix=x"
                """);

        // Deploy's value replaces global's whole (Other is not merged in), as the SAM CLI takes a key from one section.
        assertEquals(new ParameterOverrides.Values(Map.of("StageName", "prod", "TableSuffix", "x"),
                "samconfig.toml [default.deploy.parameters]"), ParameterOverrides.choose(null, config));
    }

    @Test
    void choose_takesTheGlobalSection_whenDeployHasNone() throws Exception {
        Optional<SamConfig> config = config("samconfig.toml", """
                [default.global.parameters]
                parameter_overrides = "ParameterKey=StageName,ParameterValue=global"
                [default.deploy.parameters]
                stack_name = "s"
                """);

        ParameterOverrides.Values values = ParameterOverrides.choose(null, config);

        assertEquals(Map.of("StageName", "global"), values.byName());
        assertEquals("samconfig.toml [default.global.parameters]", values.source());
        assertTrue(values.fromConfigFile());
    }

    @Test
    void choose_takesAListOfStrings_inTomlAndYaml() throws Exception {
        Map<String, String> expected = Map.of("StageName", "prod", "Name", "a b", "Subnets", "s-1,s-2");

        assertEquals(expected, ParameterOverrides.choose(null, config("samconfig.toml", """
                [default.deploy.parameters]
                parameter_overrides = ["StageName=prod", "Name='a b' Subnets=s-1,s-2"]
                """)).byName());
        Files.delete(dir.resolve("samconfig.toml"));
        assertEquals(expected, ParameterOverrides.choose(null, config("samconfig.yaml", """
                default:
                  deploy:
                    parameters:
                      parameter_overrides:
                        - StageName=prod
                        - Name='a b' Subnets=s-1,s-2
                """)).byName());
    }

    @Test
    void choose_withTheOption_replacesTheFilesValuesEntirely_evenWithNone() throws Exception {
        Optional<SamConfig> config = config("samconfig.toml", """
                [default.deploy.parameters]
                parameter_overrides = "StageName=prod TableSuffix=x"
                """);

        assertEquals(new ParameterOverrides.Values(Map.of("TableSuffix", "y"), "--parameter-overrides"),
                ParameterOverrides.choose(Map.of("TableSuffix", "y"), config));
        assertEquals(new ParameterOverrides.Values(Map.of(), null), ParameterOverrides.choose(Map.of(), config));
    }

    @Test
    void choose_withoutConfigOrKey_givesNone() throws Exception {
        assertEquals(new ParameterOverrides.Values(Map.of(), null), ParameterOverrides.choose(null, Optional.empty()));
        assertEquals(new ParameterOverrides.Values(Map.of(), null), ParameterOverrides.choose(null,
                config("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"s\"\n")));
    }

    @Test
    void choose_refusesWhatTheSamCliDoesNotTake_namingFileSectionAndForm() throws Exception {
        String table = assertThrows(LocalApiException.class, () -> ParameterOverrides.choose(null,
                config("samconfig.toml", "[default.deploy.parameters.parameter_overrides]\nStageName = \"prod\"\n")))
                .getMessage();
        assertTrue(table.contains("samconfig.toml: parameter_overrides in [default.deploy.parameters] is a table")
                && table.contains("a list of strings"), table);

        String number = assertThrows(LocalApiException.class, () -> ParameterOverrides.choose(null,
                config("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = [\"A=1\", 2]\n")))
                .getMessage();
        assertTrue(number.contains("has the number 2 in its list"), number);

        String noPair = assertThrows(LocalApiException.class, () -> ParameterOverrides.choose(null,
                config("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = \"file://p.json\"\n")))
                .getMessage();
        assertTrue(noPair.startsWith("samconfig.toml [default.deploy.parameters] parameter_overrides: "
                + "\"file://p.json\" is not Key=Value: ws-local reads no parameter files"), noPair);
    }
}
