package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which SAM CLI config file, environment and section a run reads, as the SAM CLI chooses them; real files. */
class SamConfigTest {

    @TempDir
    Path dir;

    private Path template() throws Exception {
        return Files.writeString(Files.createDirectories(dir.resolve("project")).resolve("template.yaml"),
                "Resources: {}\n");
    }

    private Path write(String relative, String text) throws Exception {
        Path file = dir.resolve("project").resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static SamConfig.Lookup lookup(String file, String env) {
        return new SamConfig.Lookup(file == null ? null : Path.of(file), env, SamConfig.DEPLOY);
    }

    private static Object value(Optional<SamConfig> config, String command, String key) {
        return config.orElseThrow().setting(command, key).map(SamConfig.Setting::value).orElse(null);
    }

    @Test
    void setting_takesEachKeyFromTheCommandsSection_elseTheGlobalOne() throws Exception {
        Path template = template();
        write("samconfig.toml", """
                version = 0.1
                [default.global.parameters]
                stack_name = "global-stack"
                parameter_overrides = "Env=global"
                [default.deploy.parameters]
                parameter_overrides = "Env=deploy"
                [default.local_invoke.parameters]
                parameter_overrides = "Env=invoke"
                """);

        Optional<SamConfig> config = SamConfig.read(template, lookup(null, null));

        assertEquals("Env=deploy", value(config, SamConfig.DEPLOY, "parameter_overrides"));
        assertEquals("Env=invoke", value(config, SamConfig.LOCAL_INVOKE, "parameter_overrides"));
        assertEquals("global-stack", value(config, SamConfig.LOCAL_INVOKE, "stack_name"));
        assertEquals(new SamConfig.Setting("global-stack", "default.global.parameters"),
                config.orElseThrow().setting(SamConfig.DEPLOY, "stack_name").orElseThrow());
    }

    @Test
    void configEnv_readsThatEnvironmentOnly() throws Exception {
        Path template = template();
        write("samconfig.toml", """
                [default.deploy.parameters]
                stack_name = "default-stack"
                [default.global.parameters]
                parameter_overrides = "Env=default"
                [prod.deploy.parameters]
                stack_name = "prod-stack"
                """);

        Optional<SamConfig> prod = SamConfig.read(template, lookup(null, "prod"));

        assertEquals("prod", prod.orElseThrow().env());
        assertEquals(new SamConfig.Setting("prod-stack", "prod.deploy.parameters"),
                prod.orElseThrow().setting(SamConfig.DEPLOY, "stack_name").orElseThrow());
        assertEquals(null, value(prod, SamConfig.DEPLOY, "parameter_overrides"), "default's global section is not "
                + "prod's");
    }

    @Test
    void configEnvTheFileLacks_isAnError_namingTheFileAndItsEnvironments() throws Exception {
        Path template = template();
        Path file = write("samconfig.toml", """
                version = 0.1
                [default.deploy.parameters]
                stack_name = "s"
                [staging.deploy.parameters]
                stack_name = "t"
                """);

        TemplateException e = assertThrows(TemplateException.class,
                () -> SamConfig.read(template, lookup(null, "prod")));

        assertEquals("--config-env prod: " + file + " has no environment prod (it has default, staging); give one of "
                + "its environments, or add [prod.deploy.parameters] to it", e.getMessage());
    }

    @Test
    void configEnvWithoutAConfigFile_orEmpty_isAnError() throws Exception {
        Path template = template();

        TemplateException none = assertThrows(TemplateException.class,
                () -> SamConfig.read(template, lookup(null, "prod")));
        TemplateException empty = assertThrows(TemplateException.class,
                () -> SamConfig.read(template, lookup(null, " ")));

        assertTrue(none.getMessage().startsWith("--config-env prod: there is no SAM CLI config file beside "
                + template + " (samconfig.toml, samconfig.yaml, samconfig.yml)"), none.getMessage());
        assertTrue(empty.getMessage().startsWith("--config-env is empty"), empty.getMessage());
        assertEquals(Optional.empty(), SamConfig.read(template, lookup(null, null)), "no file, none asked for");
    }

    @Test
    void configFile_relativeToTheTemplatesFolder_isReadInsteadOfTheOneBeside_inTomlOrYaml() throws Exception {
        Path template = template();
        write("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"beside\"\n");
        write("config/dev.yaml", """
                version: 0.1
                default:
                  deploy:
                    parameters:
                      stack_name: from-yaml
                """);
        Path absolute = write("elsewhere/other.toml", "[default.deploy.parameters]\nstack_name = \"absolute\"\n");

        Optional<SamConfig> yaml = SamConfig.read(template, lookup("config/dev.yaml", null));

        assertEquals("from-yaml", value(yaml, SamConfig.DEPLOY, "stack_name"));
        assertEquals("dev.yaml", yaml.orElseThrow().fileName());
        assertEquals("absolute", value(SamConfig.read(template, lookup(absolute.toString(), null)),
                SamConfig.DEPLOY, "stack_name"));
    }

    @Test
    void configFileNotThere_isAnError_sayingWhereItWasLookedFor() throws Exception {
        Path template = template();

        TemplateException e = assertThrows(TemplateException.class,
                () -> SamConfig.read(template, lookup("config/dev.toml", null)));

        assertEquals("--config-file config/dev.toml: no readable file at " + dir.resolve("project/config/dev.toml")
                + " (a relative path is taken from the template's folder, as the SAM CLI takes it)", e.getMessage());
    }

    @Test
    void configFileNotThere_butInTheCurrentFolder_isAnError_namingTheOneThatIs() throws Exception {
        Path template = template();
        // The tests run in the module's folder: a file there, by a name no other test uses.
        Path here = Path.of("target", "samconfig-test-" + UUID.randomUUID() + ".toml");
        Files.createDirectories(here.getParent());
        Files.writeString(here, "[default.deploy.parameters]\nstack_name = \"here\"\n");
        try {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> SamConfig.read(template, lookup(here.toString(), null)));

            assertTrue(e.getMessage().endsWith("; give --config-file " + here.toAbsolutePath().normalize()
                    + " for the one in the current folder)"), e.getMessage());
        } finally {
            Files.deleteIfExists(here);
        }
    }

    @Test
    void configFileOfAnotherKind_isAnError() throws Exception {
        Path template = template();
        write("samconfig.json", "{}");

        TemplateException e = assertThrows(TemplateException.class,
                () -> SamConfig.read(template, lookup("samconfig.json", null)));

        assertEquals("--config-file samconfig.json: the SAM CLI reads config files ending in .toml, .yaml or .yml "
                + "only", e.getMessage());
    }

    @Test
    void withoutOptions_theFirstOfTomlYamlYml_beside() throws Exception {
        Path template = template();
        write("samconfig.yml", "default: {deploy: {parameters: {stack_name: yml}}}\n");
        write("samconfig.yaml", "default: {deploy: {parameters: {stack_name: yaml}}}\n");

        assertEquals("yaml", value(SamConfig.beside(template), SamConfig.DEPLOY, "stack_name"));

        write("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"toml\"\n");

        assertEquals("toml", value(SamConfig.beside(template), SamConfig.DEPLOY, "stack_name"));
    }
}
