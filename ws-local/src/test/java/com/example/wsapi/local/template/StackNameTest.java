package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.CdkApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the stack name (and so the names of unnamed tables) comes from, as the SAM CLI would deploy the template. */
class StackNameTest {

    @TempDir
    Path dir;

    private Path template() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("my clone_2"));
        return Files.writeString(folder.resolve("template.yaml"), "Resources: {}\n");
    }

    private void config(String name, String text) throws IOException {
        Files.writeString(dir.resolve("my clone_2").resolve(name), text);
    }

    @Test
    void resolve_takesTheDeploySectionOfSamconfigToml_beforeTheGlobalOne() throws Exception {
        Path template = template();
        config("samconfig.toml", """
                version = 0.1
                [default.global.parameters]
                stack_name = "global-name"
                [default.deploy.parameters]
                stack_name = "deploy-name"
                region = "eu-west-1"
                """);

        assertEquals(new StackName("deploy-name", "samconfig.toml [default.deploy.parameters]"),
                StackName.resolve(null, template));
    }

    @Test
    void resolve_takesTheGlobalSection_whenDeployHasNoStackName() throws Exception {
        Path template = template();
        config("samconfig.toml", """
                version = 0.1
                [default.global.parameters]
                stack_name = "global-name"
                """);

        assertEquals("global-name", StackName.resolve(null, template).name());
    }

    @Test
    void resolve_readsSamconfigYaml() throws Exception {
        Path template = template();
        config("samconfig.yaml", """
                version: 0.1
                default:
                  deploy:
                    parameters:
                      stack_name: yaml-name
                """);

        assertEquals(new StackName("yaml-name", "samconfig.yaml [default.deploy.parameters]"),
                StackName.resolve(null, template));
    }

    @Test
    void resolve_optionWinsOverSamconfig() throws Exception {
        Path template = template();
        config("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"deploy-name\"\n");

        assertEquals(new StackName("chosen", "--stack-name"), StackName.resolve("chosen", template));
    }

    @Test
    void resolve_withoutStackNameAnywhere_takesTheFolderNameMadeValid() throws Exception {
        Path template = template();
        config("samconfig.toml", "[default.build.parameters]\ncached = false\n");

        assertEquals(new StackName("my-clone-2", "the template's folder name"), StackName.resolve(null, template));
    }

    @Test
    void resolve_ofATemplateCdkSynthWrote_isTheStackItsManifestNames_asCdkDeployDeploysIt() throws Exception {
        Path template = CdkApp.synthesized(dir.resolve("cdk.out"));

        assertEquals(new StackName("ChatStack", "the CDK's manifest.json"), StackName.resolve(null, template));

        Path manifest = dir.resolve("cdk.out/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"templateFile\": \"ChatStack.template.json\",",
                "\"templateFile\": \"ChatStack.template.json\", \"stackName\": \"chat-prod\","));
        assertEquals("chat-prod", StackName.resolve(null, template).name(), "the Stack's stackName prop");
        assertEquals("chosen", StackName.resolve("chosen", template).name());
    }

    @Test
    void resolve_besideAManifestJsonThatIsNotTheCdks_takesTheFolderName() throws Exception {
        Path template = template();
        config("manifest.json", "{\"name\": \"a web app\", \"icons\": []}");

        assertEquals("my-clone-2", StackName.resolve(null, template).name());
    }

    @Test
    void resolve_refusesInvalidNames_sayingWhatIsAllowed() throws Exception {
        Path template = template();
        TemplateException option = assertThrows(TemplateException.class, () -> StackName.resolve("1_bad", template));
        assertTrue(option.getMessage().startsWith("--stack-name is '1_bad', not a stack name: CloudFormation allows"),
                option.getMessage());

        config("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"has space\"\n");
        TemplateException configured = assertThrows(TemplateException.class, () -> StackName.resolve(null, template));
        assertTrue(configured.getMessage().contains("samconfig.toml: stack_name in [default.deploy.parameters] is 'has space'"),
                configured.getMessage());
    }

    @Test
    void resolve_brokenToml_namesTheFile() throws Exception {
        Path template = template();
        config("samconfig.toml", "[default.deploy.parameters\nstack_name = \n");

        TemplateException e = assertThrows(TemplateException.class, () -> StackName.resolve(null, template));
        assertTrue(e.getMessage().contains("samconfig.toml is not valid TOML"), e.getMessage());
    }

    @Test
    void resolve_thisProjectsSamconfig_givesTheNameItsEnvFilesUse() throws Exception {
        Path root = Path.of(System.getProperty("project.root"));

        assertEquals(new StackName("wsapi", "samconfig.toml [default.deploy.parameters]"),
                StackName.resolve(null, root.resolve("template.yaml")));
    }

    @Test
    void resolve_forInvoke_readsTheDeploySection_ofTheEnvironmentGiven() throws Exception {
        Path template = template();
        config("samconfig.toml", """
                [default.deploy.parameters]
                stack_name = "default-name"
                [prod.deploy.parameters]
                stack_name = "prod-name"
                [prod.local_invoke.parameters]
                parameter_overrides = "A=b"
                """);

        // sam local invoke has no stack name: invoke takes the one the API runs as, so that both use the same tables.
        StackName stack = StackName.resolve(null, template, SamConfig.read(template,
                new SamConfig.Lookup(null, "prod", SamConfig.LOCAL_INVOKE)));

        assertEquals(new StackName("prod-name", "samconfig.toml [prod.deploy.parameters]"), stack);
    }
}
