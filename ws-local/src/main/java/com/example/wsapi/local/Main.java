package com.example.wsapi.local;

import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.example.wsapi.local.lambda.FunctionFailure;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.template.Route;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code java -jar ws-local.jar [options]} runs the API; {@code ... invoke <LogicalId> --event <file>} runs one function. */
@Command(name = "ws-local", mixinStandardHelpOptions = true, sortOptions = false,
        version = "ws-local 1.0.0",
        description = "Runs a SAM template's API Gateway WebSocket API offline: gateway, @connections, "
                + "Lambda functions and DynamoDB Local.",
        subcommands = {Main.Invoke.class, TokenCommand.class})
public final class Main implements Callable<Integer> {

    /** Options shared by running the API and invoking one function. */
    static final class Common {
        @Option(names = "--template", defaultValue = "template.yaml", description = "SAM template (default: ${DEFAULT-VALUE})")
        Path template;

        @Option(names = "--stage", description = "stage name (default: the template's)")
        String stage;

        @Option(names = "--region", defaultValue = "us-east-1", description = "AWS::Region and AWS_REGION (default: ${DEFAULT-VALUE})")
        String region;

        @Option(names = "--db-path", description = "persist DynamoDB Local in this folder (default: in memory)")
        Path dbPath;

        @Option(names = "--dynamodb-port", defaultValue = "0", description = "DynamoDB Local's port (default: a free one)")
        int dynamoDbPort;

        @Option(names = "--parameter-overrides", split = ",", paramLabel = "KEY=VALUE",
                description = "template parameter values, e.g. StageName=test")
        Map<String, String> parameterOverrides = new LinkedHashMap<>();

        @Option(names = "--env-vars", description = "JSON file of environment overrides, as for sam local --env-vars")
        Path envVars;

        @Option(names = "--max-concurrency", defaultValue = "10", description = "instances per function (default: ${DEFAULT-VALUE})")
        int maxConcurrency;

        @Option(names = "--java", description = "java launcher for function JVMs (default: the one running ws-local)")
        Path java;

        @Option(names = "--class-data-cache", paramLabel = "<folder>|off", description = "where function JVMs' "
                + "class-data (CDS) archives are recorded on a first run and reused, for faster cold starts "
                + "(default: ws-local-class-data in the temporary folder); off starts them without")
        String classDataCache;

        LocalOptions options(String host, int port, Duration idleTimeout) throws LocalApiException {
            return new LocalOptions(template, host, port, stage, region, idleTimeout, dbPath, dynamoDbPort,
                    parameterOverrides, readEnvVars(envVars), maxConcurrency);
        }

        RuntimeOptions runtimeOptions() {
            RuntimeOptions defaults = RuntimeOptions.defaults();
            if (classDataCache != null) {
                defaults = defaults.withClassDataCache(classDataCache.equals("off") ? null : Path.of(classDataCache));
            }
            return java == null ? defaults : defaults.withJavaExecutable(java);
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Option(names = "--port", defaultValue = "3001", description = "gateway port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "bind address (default: ${DEFAULT-VALUE}, loopback only)")
    String host;

    @Option(names = "--idle-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "close connections idle this long (default: ${DEFAULT-VALUE}, as API Gateway)")
    long idleTimeoutSeconds;

    @Option(names = "--issuer-keys", paramLabel = "<folder>", description = "the development issuer's signing keys, "
            + "published at /@issuer (default: ws-local-issuer-<user> in the temporary folder; the token command's)")
    Path issuerKeys;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("ws-local: " + e.getMessage());
            return 2;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (idleTimeoutSeconds <= 0) {
            throw new LocalApiException("--idle-timeout must be a positive number of seconds");
        }
        String exposure = exposureWarning(host);
        if (exposure != null) {
            out.println(exposure); // before anything listens there
            out.flush();
        }
        LocalApi api = LocalApi.start(common.options(host, port, Duration.ofSeconds(idleTimeoutSeconds)),
                common.runtimeOptions(), new IssuerKeyStore(issuerKeys != null ? issuerKeys
                        : IssuerKeyStore.defaultFolder()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            stopped.countDown();
        }, "ws-local-shutdown"));
        printBanner(out, api);
        stopped.await();
        return 0;
    }

    private void printBanner(PrintWriter out, LocalApi api) {
        out.printf("ws-local: %s (stage %s, region %s)%n", api.template().file(), api.template().api().stageName(),
                common.region);
        out.printf("  WebSocket      %s%n", api.gateway().webSocketUrl());
        out.printf("  @connections   %s%n", api.gateway().connectionsUrl());
        out.printf("  DynamoDB Local %s (%s)%n", api.dynamo().endpoint(),
                common.dbPath == null ? "in memory" : "persisted in " + common.dbPath);
        SignInBanner.print(out, api, issuerKeys);
        out.printf("%n  %-16s %-24s %s%n", "ROUTE", "FUNCTION", "HANDLER");
        for (Route route : api.template().api().routes()) {
            out.printf("  %-16s %-24s %s%s%s%n", route.routeKey(), route.functionLogicalId(),
                    api.template().functions().get(route.functionLogicalId()).handler(),
                    route.twoWay() ? "  (two-way)" : "",
                    route.authorizer() != null ? "  (authorizer " + route.authorizer().functionLogicalId() + ")" : "");
        }
        out.printf("%nReady: wscat -c %s   (Ctrl-C stops)%n", api.gateway().webSocketUrl());
        out.flush();
    }

    /** The warning for a bind address that is not loopback (or not known to be), else null. */
    static String exposureWarning(String host) {
        try {
            if (InetAddress.getByName(host).isLoopbackAddress()) {
                return null;
            }
        } catch (UnknownHostException e) {
            // Not known to be loopback: warn; the start then says why it cannot listen there.
        }
        return "WARNING: --host " + host + " is not loopback: other machines can connect, and nothing is "
                + "authenticated";
    }

    /** {@code invoke <LogicalId> --event <file>}: the offline {@code sam local invoke}. */
    @Command(name = "invoke", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Runs one function once with an event through the local Lambda runtime, "
                    + "printing its logs and its response (DynamoDB Local and @connections run meanwhile).")
    static final class Invoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "LogicalId", description = "the function's logical id in the template")
        String logicalId;

        @Option(names = {"--event", "-e"}, required = true, description = "the event JSON file")
        Path event;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(event)) {
                throw new LocalApiException("no event file at " + event.toAbsolutePath());
            }
            String eventJson = Files.readString(event);
            try {
                new Gson().fromJson(eventJson, Object.class);
            } catch (JsonParseException e) {
                throw new LocalApiException(event + " is not JSON: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            // As sam local invoke: the logs on stderr, the response alone on stdout (so it can be piped), after them.
            PrintWriter err = spec.commandLine().getErr();
            CountDownLatch reported = new CountDownLatch(1);
            RuntimeOptions runtimeOptions = common.runtimeOptions().withLogSink(line -> {
                err.println(line);
                err.flush();
                if (line.startsWith("[" + logicalId + "] REPORT ")
                        || line.startsWith("[" + logicalId + "] INIT_REPORT ")) {
                    reported.countDown();
                }
            });
            LocalOptions options = common.options("127.0.0.1", 0, Duration.ofMinutes(10));
            try (LocalApi api = LocalApi.start(options, runtimeOptions)) {
                api.register(logicalId, options);
                try {
                    String response = api.runtime().invoke(logicalId, eventJson).get(16, TimeUnit.MINUTES);
                    awaitReport(reported);
                    out.println(response);
                    return 0;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof FunctionFailure failure) {
                        awaitReport(reported);
                        out.println(failure.errorJson());
                        return 1;
                    }
                    throw e;
                } catch (TimeoutException e) {
                    throw new LocalApiException(logicalId + " did not answer");
                } finally {
                    out.flush();
                }
            }
        }

        /** REPORT is logged when the runtime asks for its next event, just after the response: wait a moment. */
        private static void awaitReport(CountDownLatch reported) throws InterruptedException {
            reported.await(10, TimeUnit.SECONDS);
        }
    }

    static Map<String, Map<String, String>> readEnvVars(Path file) throws LocalApiException {
        if (file == null) {
            return Map.of();
        }
        try {
            Map<String, Map<String, String>> vars = new Gson().fromJson(Files.readString(file),
                    new TypeToken<Map<String, Map<String, String>>>() {}.getType());
            return vars == null ? Map.of() : vars;
        } catch (IOException | JsonParseException e) {
            throw new LocalApiException("--env-vars " + file + " must be a JSON object of function logical ids "
                    + "(or \"Parameters\") to variables, as for sam local: " + e.getMessage());
        }
    }
}
