package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.TestTemplates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong input to the command line: one clear message naming what to fix, and a non-zero exit. */
class CommandLineIT {

    static final Path ROOT = InvokeIT.ROOT;

    @TempDir
    Path dir;

    private InvokeIT.Result start(Path template, String... more) {
        String[] args = new String[2 + more.length];
        args[0] = "--template";
        args[1] = template.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return InvokeIT.run(args);
    }

    @Test
    void templateWithoutWebSocketApi_saysWhatIsMissing() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Table:
                    Type: AWS::Serverless::SimpleTable
                """);

        InvokeIT.Result result = start(template, "--port", "0");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("WEBSOCKET"), result.err());
    }

    @Test
    void routeWhoseFunctionIsNotBuilt_namesTheFunctionAndTheBuildCommand() throws IOException {
        Files.createDirectories(dir.resolve("unbuilt"));
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                """ + TestTemplates.webSocketApi("api", "dev") + TestTemplates.lambdaRoute("Echo", "echo", false) + """
                  EchoFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: unbuilt
                      Handler: example.Echo::handleRequest
                      Runtime: java25
                """);

        InvokeIT.Result result = start(template, "--port", "0");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("EchoFunction") && result.err().contains("package"), result.err());
    }

    @Test
    void integrationWsLocalDoesNotEmulate_isOneLineNamingResourceAndProperty_notAStackTrace() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                """ + TestTemplates.webSocketApi("api", "dev") + """
                  Route:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: $default
                      Target: !Sub integrations/${Private}
                  Private:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: HTTP_PROXY
                      IntegrationMethod: POST
                      IntegrationUri: http://internal.example/events
                      ConnectionType: VPC_LINK
                      ConnectionId: abc123
                """);

        InvokeIT.Result result = start(template, "--port", "0");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Resources.Private.Properties.ConnectionType") && result.err().contains(
                "VPC_LINK"), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }

    @Test
    void portInUse_saysSoAndHowToChooseAnother() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InvokeIT.Result result = start(ROOT.resolve("template.yaml"), "--port",
                    Integer.toString(taken.getLocalPort()));

            assertEquals(2, result.exitCode());
            assertTrue(result.err().contains("in use") && result.err().contains("--port"), result.err());
        }
    }

    @Test
    void nonLoopbackHost_isWarnedAboutBeforeAnythingListens() throws IOException {
        // 192.0.2.1 (TEST-NET-1) is no address of this machine: nothing can bind it, so nothing is exposed.
        InvokeIT.Result result = start(ROOT.resolve("template.yaml"), "--host", "192.0.2.1", "--port", "0");

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("WARNING: --host 192.0.2.1 is not loopback: other machines can connect, "
                + "and nothing is authenticated"), result.out());
    }

    @Test
    void exposureWarning_isGivenForEveryAddressButLoopback() {
        for (String loopback : new String[] {"127.0.0.1", "localhost", "::1", "127.1.2.3"}) {
            assertEquals(null, Main.exposureWarning(loopback), loopback);
        }
        for (String exposed : new String[] {"0.0.0.0", "::", "192.0.2.1", "10.0.0.1"}) {
            assertTrue(Main.exposureWarning(exposed).startsWith("WARNING: --host " + exposed + " is not loopback"),
                    exposed);
        }
    }

    @Test
    void warmContainersOtherThanEagerOrLazy_saysWhichAreValid() {
        InvokeIT.Result result = start(ROOT.resolve("template.yaml"), "--port", "0", "--warm-containers", "SOMETIMES");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--warm-containers must be EAGER or LAZY, not SOMETIMES"), result.err());
    }

    @Test
    void scalingOtherThanAutoOrLambda_saysWhichAreValid() {
        InvokeIT.Result result = start(ROOT.resolve("template.yaml"), "--port", "0", "--scaling", "fast");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--scaling must be auto or lambda, not fast"), result.err());
    }

    @Test
    void outOfRangeNumbers_andAJavaThatIsNoLauncher_failAtOnce_namingTheOption() throws Exception {
        Path jdkFolder = Path.of(System.getProperty("java.home"));
        String[][] cases = {
                {"--port", "99999", "--port must be a port from 1 to 65535, or 0 for a free one; not 99999"},
                {"--dynamodb-port", "-1", "--dynamodb-port must be a port from 1 to 65535, or 0 for a free one; not -1"},
                {"--max-concurrency", "0", "--max-concurrency must be at least 1 (instances per function), not 0"},
                {"--max-lifetime", "0", "--max-lifetime must be a positive number of seconds, not 0"},
                {"--java", "/no/such/java", "--java /no/such/java: no such file"},
                {"--java", jdkFolder.toString(), "is a Java installation's folder: give its launcher, --java "
                        + jdkFolder.resolve("bin").resolve("java")}};
        for (String[] bad : cases) {
            // A free port for the gateway unless the case is the port: a check that failed to stop it stops there.
            InvokeIT.Result result = bad[0].equals("--port")
                    ? start(ROOT.resolve("template.yaml"), bad[0], bad[1])
                    : start(ROOT.resolve("template.yaml"), "--port", "0", bad[0], bad[1]);

            assertEquals(2, result.exitCode(), String.join(" ", bad));
            assertTrue(result.err().contains(bad[2]), result.err());
        }
    }

    @Test
    void unknownOption_isNamed_andHelpPointedTo() {
        InvokeIT.Result result = InvokeIT.run("--no-such-option");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Unknown option: '--no-such-option'")
                && result.err().contains("ws-local --help lists every option."), result.err());
    }

    @Test
    void configFileOrEnvironmentThatIsNotThere_stopsTheStart_namingItAndWhereItWasLookedFor() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), BannerIT.template("$default"));
        Path samconfig = Files.writeString(dir.resolve("samconfig.toml"), """
                [default.deploy.parameters]
                stack_name = "s"
                """);
        Path event = Files.writeString(dir.resolve("event.json"), "{}");

        InvokeIT.Result noFile = start(template, "--port", "0", "--config-file", "nope.toml");
        InvokeIT.Result noEnv = start(template, "--port", "0", "--config-env", "prod");
        InvokeIT.Result invokeNoEnv = InvokeIT.run("invoke", "Fn", "--event", event.toString(), "--template",
                template.toString(), "--config-env", "prod");

        assertEquals(2, noFile.exitCode(), noFile.err());
        assertTrue(noFile.err().contains("--config-file nope.toml: no readable file at " + dir.resolve("nope.toml")
                + " (a relative path is taken from the template's folder"), noFile.err());
        for (InvokeIT.Result result : new InvokeIT.Result[] {noEnv, invokeNoEnv}) {
            assertEquals(2, result.exitCode(), result.err());
            assertTrue(result.err().contains("--config-env prod: " + samconfig + " has no environment prod (it has "
                    + "default)"), result.err());
        }
    }

    @Test
    void invoke_takesParameterOverridesOfLocalInvoke_notOfDeploy_andWarnsOfDeploysUnread() throws IOException {
        // Nope is no parameter of the template: the start fails if, and only if, the values are read.
        Path template = Files.writeString(dir.resolve("template.yaml"), BannerIT.template("$default"));
        Path event = Files.writeString(dir.resolve("event.json"), "{}");
        String deploy = """
                [default.deploy.parameters]
                parameter_overrides = "Nope=1"
                """;
        String[] invoke = {"invoke", "NoSuchFunction", "--event", event.toString(), "--template", template.toString()};

        Files.writeString(dir.resolve("samconfig.toml"), deploy);
        InvokeIT.Result deployOnly = InvokeIT.run(invoke);
        Files.writeString(dir.resolve("samconfig.toml"), deploy + """
                [default.local_invoke.parameters]
                parameter_overrides = "Nope=2"
                """);
        InvokeIT.Result localInvoke = InvokeIT.run(invoke);

        assertEquals(2, deployOnly.exitCode(), deployOnly.err());
        assertTrue(deployOnly.err().contains("no function NoSuchFunction"), "got past the template: " + deployOnly.err());
        assertTrue(deployOnly.err().contains("parameter_overrides of samconfig.toml [default.deploy.parameters] is "
                + "left unread, as sam local invoke leaves it"), deployOnly.err());
        assertEquals(2, localInvoke.exitCode(), localInvoke.err());
        assertTrue(localInvoke.err().contains("Nope") && localInvoke.err().contains("(parameter values from "
                + "samconfig.toml [default.local_invoke.parameters] parameter_overrides"), localInvoke.err());
    }

    @Test
    void severalWebSocketApis_needApi_andAnApiNamingNoneOfThem_isRefusedListingThem_forTheApiAndForInvoke()
            throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), TwoWebSocketApisIT.TWO_APIS);
        Path event = Files.writeString(dir.resolve("event.json"), "{}");

        InvokeIT.Result none = start(template, "--port", "0");
        InvokeIT.Result nope = start(template, "--port", "0", "--api", "Nope");
        InvokeIT.Result invokeNone = InvokeIT.run("invoke", "NoSuchFunction", "--event", event.toString(),
                "--template", template.toString());
        InvokeIT.Result invokeNope = InvokeIT.run("invoke", "NoSuchFunction", "--event", event.toString(),
                "--template", template.toString(), "--api", "Nope");
        InvokeIT.Result invokeAdmin = InvokeIT.run("invoke", "NoSuchFunction", "--event", event.toString(),
                "--template", template.toString(), "--api", "Admin");

        for (InvokeIT.Result result : new InvokeIT.Result[] {none, invokeNone}) {
            assertEquals(2, result.exitCode(), result.err());
            assertTrue(result.err().contains("Resources: 2 WebSocket APIs [Chat, Admin]: ws-local serves one at a "
                    + "time, so choose it with --api <LogicalId> (--api Chat or --api Admin)"), result.err());
        }
        for (InvokeIT.Result result : new InvokeIT.Result[] {nope, invokeNope}) {
            assertEquals(2, result.exitCode(), result.err());
            assertTrue(result.err().contains("Resources: --api Nope: the template has no resource Nope; the "
                    + "template's WebSocket APIs: Chat, Admin"), result.err());
        }
        assertEquals(2, invokeAdmin.exitCode(), invokeAdmin.err());
        assertTrue(invokeAdmin.err().contains("no function NoSuchFunction"), "got past the template: "
                + invokeAdmin.err());
    }
}
