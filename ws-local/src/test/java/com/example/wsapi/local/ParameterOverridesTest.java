package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.log.LogLine;
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

    /** The values as the API reads them: the deploy command's section, then the global one. */
    private static ParameterOverrides.Values choose(Map<String, String> option, Optional<SamConfig> config)
            throws LocalApiException {
        return ParameterOverrides.choose(option, config, SamConfig.DEPLOY);
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
                "samconfig.toml [default.deploy.parameters]"), choose(null, config));
    }

    @Test
    void choose_takesTheGlobalSection_whenDeployHasNone() throws Exception {
        Optional<SamConfig> config = config("samconfig.toml", """
                [default.global.parameters]
                parameter_overrides = "ParameterKey=StageName,ParameterValue=global"
                [default.deploy.parameters]
                stack_name = "s"
                """);

        ParameterOverrides.Values values = choose(null, config);

        assertEquals(Map.of("StageName", "global"), values.byName());
        assertEquals("samconfig.toml [default.global.parameters]", values.source());
        assertTrue(values.fromConfigFile());
    }

    @Test
    void choose_takesAListOfStrings_inTomlAndYaml() throws Exception {
        Map<String, String> expected = Map.of("StageName", "prod", "Name", "a b", "Subnets", "s-1,s-2");

        assertEquals(expected, choose(null, config("samconfig.toml", """
                [default.deploy.parameters]
                parameter_overrides = ["StageName=prod", "Name='a b' Subnets=s-1,s-2"]
                """)).byName());
        Files.delete(dir.resolve("samconfig.toml"));
        assertEquals(expected, choose(null, config("samconfig.yaml", """
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
                choose(Map.of("TableSuffix", "y"), config));
        assertEquals(new ParameterOverrides.Values(Map.of(), null), choose(Map.of(), config));
    }

    @Test
    void choose_withoutConfigOrKey_givesNone() throws Exception {
        assertEquals(new ParameterOverrides.Values(Map.of(), null), choose(null, Optional.empty()));
        assertEquals(new ParameterOverrides.Values(Map.of(), null), choose(null,
                config("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"s\"\n")));
    }

    @Test
    void choose_refusesWhatTheSamCliDoesNotTake_namingFileSectionAndForm() throws Exception {
        String table = assertThrows(LocalApiException.class, () -> choose(null,
                config("samconfig.toml", "[default.deploy.parameters.parameter_overrides]\nStageName = \"prod\"\n")))
                .getMessage();
        assertTrue(table.contains("samconfig.toml: parameter_overrides in [default.deploy.parameters] is a table")
                && table.contains("a list of strings"), table);

        String number = assertThrows(LocalApiException.class, () -> choose(null,
                config("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = [\"A=1\", 2]\n")))
                .getMessage();
        assertTrue(number.contains("has the number 2 in its list"), number);

        String noPair = assertThrows(LocalApiException.class, () -> choose(null,
                config("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = \"file://p.json\"\n")))
                .getMessage();
        assertTrue(noPair.startsWith("samconfig.toml [default.deploy.parameters] parameter_overrides: "
                + "\"file://p.json\" is not Key=Value: ws-local reads no parameter files"), noPair);
    }

    @Test
    void choose_forInvoke_takesTheLocalInvokeSection_thenTheGlobalOne_neverDeploys() throws Exception {
        Optional<SamConfig> all = config("samconfig.toml", """
                [default.deploy.parameters]
                parameter_overrides = "StageName=deployed"
                [default.local_invoke.parameters]
                parameter_overrides = "StageName=invoked"
                [default.global.parameters]
                parameter_overrides = "StageName=global"
                """);
        Optional<SamConfig> noLocalInvoke = config("samconfig.toml", """
                [default.deploy.parameters]
                parameter_overrides = "StageName=deployed"
                [default.global.parameters]
                parameter_overrides = "StageName=global"
                """);
        Optional<SamConfig> deployOnly = config("samconfig.toml", """
                [default.deploy.parameters]
                parameter_overrides = "StageName=deployed"
                """);

        assertEquals(new ParameterOverrides.Values(Map.of("StageName", "invoked"),
                "samconfig.toml [default.local_invoke.parameters]"),
                ParameterOverrides.choose(null, all, SamConfig.LOCAL_INVOKE));
        assertEquals(new ParameterOverrides.Values(Map.of("StageName", "global"),
                "samconfig.toml [default.global.parameters]"),
                ParameterOverrides.choose(null, noLocalInvoke, SamConfig.LOCAL_INVOKE));
        assertEquals(new ParameterOverrides.Values(Map.of(), null),
                ParameterOverrides.choose(null, deployOnly, SamConfig.LOCAL_INVOKE));
    }

    @Test
    void unreadDeployValues_warnsInvoke_onlyWhenDeploysSectionAloneHasValues() throws Exception {
        config("samconfig.toml", """
                [prod.deploy.parameters]
                parameter_overrides = "StageName=deployed"
                """);
        Optional<SamConfig> deployOnly = SamConfig.read(dir.resolve("template.yaml"),
                new SamConfig.Lookup(null, "prod", SamConfig.LOCAL_INVOKE));

        LogLine warning = ParameterOverrides.unreadDeployValues(null, deployOnly, SamConfig.LOCAL_INVOKE)
                .orElseThrow();

        assertEquals(LogLine.Kind.WARNING, warning.kind());
        assertEquals("parameter_overrides of samconfig.toml [prod.deploy.parameters] is left unread, as sam local "
                + "invoke leaves it (it reads [prod.local_invoke.parameters], then [prod.global.parameters]): the "
                + "template's parameters take their defaults", warning.text());
        assertEquals("put them in [prod.global.parameters] for every command, in [prod.local_invoke.parameters], "
                + "or give --parameter-overrides", warning.advice());
        assertTrue(ParameterOverrides.unreadDeployValues(Map.of(), deployOnly, SamConfig.LOCAL_INVOKE).isEmpty(),
                "--parameter-overrides given: the file is not wanted");
        assertTrue(ParameterOverrides.unreadDeployValues(null, deployOnly, SamConfig.DEPLOY).isEmpty(),
                "the API reads them");
        assertTrue(ParameterOverrides.unreadDeployValues(null, config("samconfig.toml", """
                [default.deploy.parameters]
                parameter_overrides = "StageName=deployed"
                [default.global.parameters]
                parameter_overrides = "StageName=global"
                """), SamConfig.LOCAL_INVOKE).isEmpty(), "invoke reads the global section's");
    }
}
