package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.template.SamConfig;
import com.example.wsapi.local.testing.TestTemplates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ws-local prints at start, and takes from the SAM CLI's config file, for templates of a user's own (MOCK routes:
 * nothing to build, nothing to run).
 */
class BannerIT {

    /** A template whose stage and second parameter are parameters, routes listed by {@code routes}. */
    static String template(String routeKeys) {
        StringBuilder routes = new StringBuilder();
        int n = 0;
        for (String key : routeKeys.split(" ")) {
            routes.append("""
                      Route%d:
                        Type: AWS::ApiGatewayV2::Route
                        Properties:
                          ApiId: !Ref Api
                          RouteKey: %s
                          Target: !Sub integrations/${Mock}
                    """.formatted(n++, key));
        }
        return """
                Parameters:
                  StageName:
                    Type: String
                    Default: dev
                  TableSuffix:
                    Type: String
                    Default: a
                Resources:
                """ + TestTemplates.webSocketApi("api", "!Ref StageName") + """
                  Mock:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: MOCK
                """ + routes;
    }

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** @param overrides the --parameter-overrides given, or null for none */
    private LocalApi start(Path template, Map<String, String> overrides) throws LocalApiException {
        return LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, overrides, Map.of(), 1), RuntimeOptions.defaults().withLogSink(line -> {}));
    }

    private LocalApi startWith(Path template, SamConfig.Lookup samConfig) throws LocalApiException {
        return LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, null, Map.of(), 1, null, false, Scaling.LAMBDA, false, LocalOptions.DEFAULT_MAX_LIFETIME,
                false, samConfig), RuntimeOptions.defaults().withLogSink(line -> {}));
    }

    static String banner(LocalApi api) {
        StringWriter text = new StringWriter();
        Main.printBanner(new PrintWriter(text), api, "us-east-1", null, LocalOptions.DEFAULT_IDLE_TIMEOUT,
                LocalOptions.DEFAULT_MAX_LIFETIME);
        return text.toString();
    }

    @Test
    void connectionTimeoutsApartFromApiGateways_areNamedInTheBanner_andApiGatewaysAreNot() throws Exception {
        Path template = write("template.yaml", template("$default"));

        try (LocalApi api = start(template, null)) {
            assertFalse(banner(api).contains("Connections"), banner(api));
            StringWriter text = new StringWriter();
            Main.printBanner(new PrintWriter(text), api, "us-east-1", null, LocalOptions.DEFAULT_IDLE_TIMEOUT,
                    Duration.ofSeconds(30));
            assertTrue(text.toString().contains("  Connections    closed after 600 s without traffic, or 30 s after "
                    + "the handshake (--idle-timeout, --max-lifetime; API Gateway's: 600 s and 7200 s)\n"),
                    text.toString());
        }
    }

    @Test
    void samconfigParameterOverrides_areTheTemplatesValues_andTheBannerSaysWhence() throws Exception {
        Path template = write("template.yaml", template("$default"));
        write("samconfig.toml", """
                version = 0.1
                [default.deploy.parameters]
                stack_name = "mine"
                parameter_overrides = "StageName=prod TableSuffix=x"
                """);

        try (LocalApi api = start(template, null)) {
            String banner = banner(api);

            assertEquals("prod", api.template().api().stageName());
            assertTrue(banner.contains("(stage prod, region us-east-1)"), banner);
            assertTrue(banner.contains("  Stack          mine (from samconfig.toml [default.deploy.parameters])\n"),
                    banner);
            assertTrue(banner.contains("  Parameters     StageName, TableSuffix (from samconfig.toml "
                    + "[default.deploy.parameters])\n"), banner);
        }
    }

    @Test
    void configFileAndEnvGiven_areTheOnesRead_andTheBannerNamesThem() throws Exception {
        Path template = write("template.yaml", template("$default"));
        write("samconfig.toml", """
                [default.deploy.parameters]
                stack_name = "mine"
                parameter_overrides = "StageName=dev"
                """);
        Files.createDirectories(dir.resolve("config"));
        write("config/stages.yaml", """
                version: 0.1
                prod:
                  deploy:
                    parameters:
                      stack_name: mine-prod
                  global:
                    parameters:
                      parameter_overrides: StageName=prod
                """);

        try (LocalApi api = startWith(template, new SamConfig.Lookup(Path.of("config/stages.yaml"), "prod",
                SamConfig.DEPLOY))) {
            String banner = banner(api);

            assertEquals("prod", api.template().api().stageName());
            assertTrue(banner.contains("  Stack          mine-prod (from stages.yaml [prod.deploy.parameters])\n"),
                    banner);
            assertTrue(banner.contains("  Parameters     StageName (from stages.yaml [prod.global.parameters])\n"),
                    banner);
        }
    }

    @Test
    void commandLineOverrides_replaceTheFilesEntirely_andTheBannerNamesNoFile() throws Exception {
        Path template = write("template.yaml", template("$default"));
        write("samconfig.toml", """
                [default.deploy.parameters]
                parameter_overrides = "StageName=prod TableSuffix=x"
                """);

        try (LocalApi api = start(template, Map.of("TableSuffix", "y"))) {
            assertEquals("dev", api.template().api().stageName()); // the file's StageName is not merged in
            assertFalse(banner(api).contains("Parameters"), banner(api));
        }
    }

    @Test
    void samconfigValueTheTemplateRefuses_saysWhereTheValueCameFrom() throws Exception {
        Path template = write("template.yaml", template("$default"));
        write("samconfig.toml", """
                [default.global.parameters]
                parameter_overrides = "Stage=prod"
                """);

        LocalApiException e = assertThrows(LocalApiException.class, () -> start(template, null).close());

        assertTrue(e.getMessage().contains("parameter Stage, which the template does not declare")
                && e.getMessage().contains("(parameter values from samconfig.toml [default.global.parameters] "
                + "parameter_overrides; --parameter-overrides replaces them)"), e.getMessage());
    }

    @Test
    void echoOnlyTemplate_hasTheChatPageOff_inTheBannerAndAtItsAddress() throws Exception {
        Path template = write("template.yaml", template("$default echo"));

        try (LocalApi api = start(template, Map.of())) {
            String banner = banner(api);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.chatPageUrl())
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertTrue(banner.contains("\nChat page: off: the template routes no joinroom, sendmessage, leaveroom "
                    + "(the page sends joinroom, sendmessage, leaveroom)\n"), banner);
            assertFalse(banner.contains("@chat"), banner);
            assertEquals(404, page.statusCode());
            assertEquals("Not Found: the chat page is off for this API: the template routes no joinroom, sendmessage, "
                    + "leaveroom (the page sends joinroom, sendmessage, leaveroom).\n", page.body());
        }
    }

    @Test
    void templateRoutingTheChatsActions_hasTheChatPage() throws Exception {
        Path template = write("template.yaml", template("joinroom sendmessage leaveroom"));

        try (LocalApi api = start(template, Map.of())) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.chatPageUrl())
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertTrue(banner(api).contains("\nChat page: " + api.chatPageUrl() + "   (open it in a browser)\n"),
                    banner(api));
            assertEquals(200, page.statusCode());
        }
    }
}
