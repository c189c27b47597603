package com.example.wsapi.local;

import com.example.wsapi.local.chat.ChatPage;
import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.example.wsapi.local.lambda.FunctionFailure;
import com.example.wsapi.local.lambda.FunctionThrottled;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.log.ConsoleLog;
import com.example.wsapi.local.log.GatheredFlushes;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.log.LogSink;
import com.example.wsapi.local.storage.ExternalDynamoDb;
import com.example.wsapi.local.storage.StorageException;
import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamConfig;
import com.example.wsapi.local.template.SamTemplate;
import com.example.wsapi.local.template.Table;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code java -jar ws-local.jar [options]} runs the API; {@code ... invoke <LogicalId> --event <file>} runs one function. */
@Command(name = "ws-local", mixinStandardHelpOptions = true, sortOptions = false,
        version = "ws-local 1.0.0",
        customSynopsis = {"ws-local [options]", "       ws-local invoke <LogicalId> --event <file.json> [options]",
                "       ws-local token [--name <name>] [options]"},
        usageHelpAutoWidth = true, optionListHeading = "%nOptions (README.md has the same table):%n",
        commandListHeading = "%nCommands:%n",
        description = "Runs a SAM template's API Gateway WebSocket API offline: gateway, @connections, "
                + "Lambda functions and DynamoDB Local.",
        subcommands = {Main.Invoke.class, TokenCommand.class})
public final class Main implements Callable<Integer> {

    /** How soon the console writes out what was logged: within a blink, once for all the lines meanwhile. */
    static final Duration CONSOLE_FLUSH_DELAY = Duration.ofMillis(10);

    /**
     * Options shared by running the API and invoking one function. Their texts are README.md's options table, which
     * --help prints too ({@link OptionsTable}); {@code order} is the row.
     */
    static final class Common {
        @Option(names = "--template", order = 1, paramLabel = "<file>", defaultValue = "template.yaml",
                description = "any SAM or CloudFormation template with a WebSocket API, a CDK app's "
                        + "`cdk.out/<Stack>.template.json` too")
        Path template;

        // An option only, as the SAM CLI's config file has no such key.
        @Option(names = "--api", order = 2, paramLabel = "<LogicalId>",
                description = "the logical id of the WebSocket API to serve, when the template has several (to "
                        + "serve two, run a ws-local for each, each with its own `--port`; `--dynamodb-endpoint` lets "
                        + "them share tables)")
        @OptionsTable.Default("the template's one")
        String api;

        @Option(names = "--stage", order = 5, paramLabel = "<name>",
                description = "clients connect to `ws://host:port/<stage>`")
        @OptionsTable.Default("the template's")
        String stage;

        @Option(names = "--region", order = 6, paramLabel = "<name>", defaultValue = "us-east-1",
                description = "`AWS::Region`, and the functions' `AWS_REGION`")
        String region;

        @Option(names = "--stack-name", order = 7, paramLabel = "<name>",
                description = "`AWS::StackName`, and so the names of tables the template leaves unnamed: "
                        + "`<stack>-<LogicalId>-LOCAL`")
        @OptionsTable.Default("`stack_name` in `samconfig.toml`, else the template's folder name")
        String stackName;

        @Option(names = "--db-path", order = 10, paramLabel = "<folder>",
                description = "persist DynamoDB Local's data there")
        @OptionsTable.Default("in memory")
        Path dbPath;

        // No defaultValue: null tells an absent option from `--dynamodb-port 0`, which --dynamodb-endpoint refuses too.
        @Option(names = "--dynamodb-port", order = 11, paramLabel = "<n>",
                description = "e.g. `8000`, for `sam local invoke` or to browse tables with "
                        + "`aws dynamodb ... --endpoint-url`")
        @OptionsTable.Default("a free one")
        Integer dynamoDbPort;

        // An option only, as --api: the SAM CLI's config file has no such key.
        @Option(names = "--dynamodb-endpoint", order = 12, paramLabel = "<url>",
                description = "use a DynamoDB Local already running there (a container, a jar, another ws-local's "
                        + "`--dynamodb-port`) instead of starting one: the template's tables missing there are "
                        + "created, the others kept with their items; nothing is deleted. Never an AWS endpoint; "
                        + "not with `--db-path` or `--dynamodb-port`")
        @OptionsTable.Default("none: ws-local starts its own")
        String dynamoDbEndpoint;

        // As for sam deploy: Key=Value pairs separated by spaces or commas, in one argument or several.
        @Option(names = "--parameter-overrides", order = 13, arity = "1..*", paramLabel = "K=V,...",
                description = "template parameters, as for `sam deploy`; they replace all of the config file's")
        @OptionsTable.Default("`parameter_overrides` in `samconfig.toml`")
        List<String> parameterOverrides = new ArrayList<>();

        // As the SAM CLI's: relative to the template's folder, and a file or environment named must be there.
        @Option(names = "--config-file", order = 14, paramLabel = "<file>",
                description = "the SAM CLI's config file to read `stack_name` and `parameter_overrides` from, as "
                        + "`sam --config-file`: a relative path is taken from the template's folder")
        @OptionsTable.Default("`samconfig.toml`, `.yaml` or `.yml` beside the template")
        Path configFile;

        @Option(names = "--config-env", order = 15, paramLabel = "<name>",
                description = "the environment of the config file to read, as `sam --config-env`")
        @OptionsTable.Default("`default`")
        String configEnv;

        @Option(names = "--env-vars", order = 16, paramLabel = "<file.json>",
                description = "environment overrides, as for `sam local invoke --env-vars`: only variables the "
                        + "template declares")
        Path envVars;

        @Option(names = "--max-concurrency", order = 17, paramLabel = "<n>", defaultValue = "10",
                description = "the most instances (JVMs) a function gets; a function's "
                        + "`ReservedConcurrentExecutions`, when lower, caps it instead (events beyond it are "
                        + "throttled, as on Lambda)")
        int maxConcurrency;

        @Option(names = "--java", order = 20, paramLabel = "<path>",
                description = "the `java` that runs the functions")
        @OptionsTable.Default("the running JVM, or an installed Java of the template's `Runtime` when that is newer")
        Path java;

        @Option(names = "--class-data-cache", order = 21, paramLabel = "<folder>|off",
                description = "CDS archives of the function JVMs: recorded when ws-local stops, reused on later "
                        + "starts (cold starts about 2x faster; see `BENCHMARKS.md`); archives unused for 30 "
                        + "days are deleted")
        @OptionsTable.Default("`ws-local-class-data` in the temp folder")
        String classDataCache;

        @Option(names = "--verbose", order = 23,
                description = "also print what you rarely need: Lambda's `START`/`END`/`REPORT` lines (`invoke` "
                        + "prints them anyway), the function JVMs' own notes, `@connections` requests")
        boolean verbose;

        /** @param samCommand the SAM CLI command whose config file section gives parameter_overrides */
        LocalOptions options(String host, int port, Duration idleTimeout, Duration maxLifetime, boolean warmContainers,
                             Scaling scaling, boolean reload, String samCommand) throws LocalApiException {
            URI endpoint = dynamoDbEndpoint(); // first: it says when --dynamodb-port is not wanted at all
            if (dynamoDbPort != null) {
                requirePort("--dynamodb-port", dynamoDbPort);
            }
            if (maxConcurrency < 1) {
                throw new LocalApiException("--max-concurrency must be at least 1 (instances per function), not "
                        + maxConcurrency);
            }
            if (java != null && !(Files.isRegularFile(java) && Files.isExecutable(java))) {
                Path launcher = java.resolve("bin").resolve("java");
                throw new LocalApiException("--java " + java + (Files.isDirectory(java) && Files.isExecutable(launcher)
                        ? " is a Java installation's folder: give its launcher, --java " + launcher
                        : Files.exists(java) ? " is not an executable java launcher: give the path of one (a JDK's "
                        + "bin/java)" : ": no such file: give the path of a java launcher (a JDK's bin/java)"));
            }
            return new LocalOptions(template, host, port, stage, region, idleTimeout, dbPath,
                    dynamoDbPort == null ? 0 : dynamoDbPort,
                    parameterOverrides.isEmpty() ? null : ParameterOverrides.parse(parameterOverrides),
                    readEnvVars(envVars), maxConcurrency, stackName,
                    warmContainers, scaling, java == null, maxLifetime, reload,
                    new SamConfig.Lookup(configFile, configEnv, samCommand), api, endpoint);
        }

        /**
         * The --dynamodb-endpoint URL, or null without the option; refused beside --dynamodb-port or --db-path, which
         * are about the DynamoDB Local that ws-local would start, and it starts none then.
         */
        URI dynamoDbEndpoint() throws LocalApiException {
            if (dynamoDbEndpoint == null) {
                return null;
            }
            if (dynamoDbPort != null) {
                throw new LocalApiException("--dynamodb-endpoint and --dynamodb-port cannot be used together: with "
                        + "--dynamodb-endpoint ws-local starts no DynamoDB Local, so it has no port to give one; drop "
                        + "--dynamodb-port (the DynamoDB at " + dynamoDbEndpoint + " listens where it was started)");
            }
            if (dbPath != null) {
                throw new LocalApiException("--dynamodb-endpoint and --db-path cannot be used together: with "
                        + "--dynamodb-endpoint ws-local starts no DynamoDB Local, and the DynamoDB at "
                        + dynamoDbEndpoint + " keeps its data where it was started to (DynamoDB Local's own -dbPath); "
                        + "drop --db-path");
            }
            try {
                return ExternalDynamoDb.parseEndpoint(dynamoDbEndpoint);
            } catch (StorageException e) {
                throw new LocalApiException("--dynamodb-endpoint " + e.getMessage());
            }
        }

        /**
         * What still logs through SLF4J (a stale function build's warning, DynamoDB Local's Jetty): warnings only, or
         * everything with --verbose, with the console's time of day and without thread names; a -D the user gave
         * wins. Set before anything logs.
         */
        void configureSlf4j() {
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showThreadName", Boolean.toString(verbose));
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
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

    @Option(names = "--port", order = 3, paramLabel = "<n>", defaultValue = "3001",
            description = "WebSocket and `@connections` on the same port")
    int port;

    @Option(names = "--host", order = 4, paramLabel = "<addr>", defaultValue = "127.0.0.1",
            description = "loopback unless you say otherwise (it warns when you do)")
    String host;

    @Option(names = "--idle-timeout", order = 8, paramLabel = "<seconds>", defaultValue = "600",
            description = "close a connection without traffic this long, as API Gateway does after 10 minutes")
    long idleTimeoutSeconds;

    @Option(names = "--max-lifetime", order = 9, paramLabel = "<seconds>", defaultValue = "7200",
            description = "close every connection this long after its handshake, as API Gateway does after 2 hours "
                    + "(a short one tries clients' reconnecting)")
    long maxLifetimeSeconds;

    @Option(names = "--warm-containers", order = 18, paramLabel = "EAGER|LAZY", defaultValue = "EAGER",
            description = "`EAGER` starts an instance of every routed function, and runs SnapStart's priming, before "
                    + "ready; `LAZY` starts each on its first event, as Lambda does")
    String warmContainers;

    @Option(names = "--scaling", order = 19, paramLabel = "auto|lambda", defaultValue = "auto",
            description = "when a function gets another instance: `auto`, once an event has run, or events have "
                    + "waited, longer than an instance takes to start (then up to one per CPU core); `lambda`, for "
                    + "every event that finds all instances busy")
    String scaling;

    @Option(names = "--reload", order = 24, paramLabel = "on|off", defaultValue = "on",
            description = "`on` runs a routed function's rebuilt code (`mvn package`, `sam build`) from its next "
                    + "events, without a restart, and says when the template changed; `off` keeps the code each "
                    + "function started with")
    String reload;

    @Option(names = "--issuer-keys", order = 22, paramLabel = "<folder>",
            description = "the development issuer's signing keys, published at `/@issuer` (the `token` command's)")
    @OptionsTable.Default("`ws-local-issuer-<user>` in the temp folder")
    Path issuerKeys;

    public static void main(String[] args) {
        List<String> jvmCommandLine = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        Optional<Integer> childStatus = SelfLaunch.plan(RuntimeOptions.currentJava(), jvmCommandLine,
                SelfLaunch.cacheRoot(List.of(args))).flatMap(SelfLaunch::run);
        if (childStatus.isPresent()) {
            System.exit(childStatus.get());
        }
        SelfLaunch.followParent();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        // The options as README.md's table has them (OptionsTable), for the command and its subcommands.
        for (CommandLine command : List.of(commandLine, commandLine.getSubcommands().get("invoke"))) {
            command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                    help -> OptionsTable.render(help.commandSpec(), help.commandSpec().usageMessage().width()));
        }
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("ws-local: " + e.getMessage());
            return 2;
        });
        // A mistyped option gets its problem and what to do, as other errors do: the whole usage text after it would
        // scroll the one line that matters out of sight.
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("ws-local: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("ws-local --help lists every option.");
            return 2;
        });
        commandLine.registerConverter(Integer.class, value -> wholeNumber(value, Integer::parseInt));
        commandLine.registerConverter(int.class, value -> wholeNumber(value, Integer::parseInt));
        commandLine.registerConverter(Long.class, value -> wholeNumber(value, Long::parseLong));
        commandLine.registerConverter(long.class, value -> wholeNumber(value, Long::parseLong));
        return commandLine;
    }

    /** A number option's value, or an error in words a user knows ("a whole number", not picocli's "a long"). */
    private static <T> T wholeNumber(String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is "
                    + (value.matches("-?[0-9]+") ? "too large" : "not a whole number"));
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (idleTimeoutSeconds <= 0) {
            throw new LocalApiException("--idle-timeout must be a positive number of seconds");
        }
        if (maxLifetimeSeconds <= 0) {
            throw new LocalApiException("--max-lifetime must be a positive number of seconds, not "
                    + maxLifetimeSeconds);
        }
        requirePort("--port", port);
        String exposure = exposureWarning(host);
        if (exposure != null) {
            out.println(exposure); // before anything listens there
            out.flush();
        }
        boolean eager = switch (warmContainers.toUpperCase(Locale.ROOT)) {
            case "EAGER" -> true;
            case "LAZY" -> false;
            default -> throw new LocalApiException("--warm-containers must be EAGER or LAZY, not " + warmContainers);
        };
        boolean watch = switch (reload.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new LocalApiException("--reload must be on or off, not " + reload);
        };
        Scaling scalingPolicy;
        try {
            scalingPolicy = Scaling.parse(scaling);
        } catch (IllegalArgumentException e) {
            throw new LocalApiException("--scaling must be auto or lambda, not " + scaling);
        }
        common.configureSlf4j();
        // Buffered: the lines that arrive together (an invocation's) go out in one write; the log flushes it.
        ConsoleLog console = ConsoleLog.forApi(new PrintWriter(new BufferedWriter(out, 64 * 1024)), common.verbose,
                Clock.systemDefaultZone());
        // Written out every few milliseconds rather than line by line: a person watching sees no difference.
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ws-local-console");
            thread.setDaemon(true);
            return thread;
        });
        GatheredFlushes log = new GatheredFlushes(console, flusher, CONSOLE_FLUSH_DELAY);
        LocalApi api;
        try {
            api = LocalApi.start(common.options(host, port, Duration.ofSeconds(idleTimeoutSeconds),
                    Duration.ofSeconds(maxLifetimeSeconds), eager, scalingPolicy, watch, SamConfig.DEPLOY),
                    common.runtimeOptions().withLogSink(log), new IssuerKeyStore(issuerKeys != null
                            ? issuerKeys : IssuerKeyStore.defaultFolder()));
        } finally {
            log.flushNow(); // what the start logged comes before the banner, or before the error that ends it
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            flusher.shutdown();
            log.flushNow();
            stopped.countDown();
        }, "ws-local-shutdown"));
        printBanner(out, api, common.region, issuerKeys, Duration.ofSeconds(idleTimeoutSeconds),
                Duration.ofSeconds(maxLifetimeSeconds));
        SelfLaunch.signalReady();
        stopped.await();
        return 0;
    }

    /**
     * What a person needs to start: where everything listens, the routes, how to connect.
     *
     * @param issuerKeys  the --issuer-keys folder given, or null for the default
     * @param idleTimeout what --idle-timeout set
     * @param maxLifetime what --max-lifetime set
     */
    static void printBanner(PrintWriter out, LocalApi api, String region, Path issuerKeys,
                            Duration idleTimeout, Duration maxLifetime) {
        out.printf("ws-local: %s (stage %s, region %s)%n", api.template().file(), api.template().api().stageName(),
                region);
        out.printf("  WebSocket      %s%n", api.gateway().webSocketUrl());
        out.printf("  @connections   %s%n", api.gateway().connectionsUrl());
        out.printf("  DynamoDB Local %s (%s)%n", api.dynamo().endpoint(), api.dynamo().description());
        out.printf("  Stack          %s (from %s)%n", api.stack().name(), api.stack().source());
        if (api.parameters().fromConfigFile()) {
            out.printf("  Parameters     %s (from %s)%n", String.join(", ", api.parameters().byName().keySet()),
                    api.parameters().source());
        }
        String limits = connectionLimits(idleTimeout, maxLifetime);
        if (limits != null) {
            out.printf("  Connections    %s%n", limits);
        }
        out.printf("  Functions      %s%n", api.functionJava().describe());
        boolean allCreated = api.createdTables().size() == api.template().tables().size();
        for (Table table : api.template().tables()) {
            // Kept tables (a persisted database's, a DynamoDB already running's) are told apart: their items stayed.
            out.printf("  Table          %s%s%n", table.tableName(),
                    allCreated || api.createdTables().contains(table.tableName()) ? "" : "  (already there: kept)");
        }
        SignInBanner.print(out, api, issuerKeys);
        out.printf("%n%s", routeTable(api.template()));
        out.print(BannerNotes.of(api.template()));
        Optional<String> chatPageOff = ChatPage.whyOff(api.template().api());
        if (chatPageOff.isEmpty()) {
            out.printf("%nChat page: %s   (open it in a browser)%n", api.chatPageUrl());
        } else {
            out.printf("%nChat page: off: %s%n", chatPageOff.get());
        }
        out.printf("%s%n", SignInBanner.readyLine(api.template(), api.gateway().webSocketUrl()));
        out.flush();
    }

    /**
     * The banner's note of connection timeouts set apart from API Gateway's (a short lifetime closes every connection
     * soon: it should not be forgotten), or null when both are API Gateway's.
     */
    static String connectionLimits(Duration idleTimeout, Duration maxLifetime) {
        if (idleTimeout.equals(LocalOptions.DEFAULT_IDLE_TIMEOUT)
                && maxLifetime.equals(LocalOptions.DEFAULT_MAX_LIFETIME)) {
            return null;
        }
        return "closed after " + idleTimeout.toSeconds() + " s without traffic, or " + maxLifetime.toSeconds()
                + " s after the handshake (--idle-timeout, --max-lifetime; API Gateway's: "
                + LocalOptions.DEFAULT_IDLE_TIMEOUT.toSeconds() + " s and "
                + LocalOptions.DEFAULT_MAX_LIFETIME.toSeconds() + " s)";
    }

    /** The banner's table of routes: each route's key, its integration's type and what it calls. */
    static String routeTable(SamTemplate template) {
        StringBuilder table = new StringBuilder(String.format("  %-16s %-12s %s%n", "ROUTE", "INTEGRATION", "TARGET"));
        for (Route route : template.api().routes()) {
            table.append(String.format("  %-16s %-12s %s%s%s%n", route.routeKey(), route.integration().type(),
                    target(route.integration(), template), route.twoWay() ? "  (two-way)" : "",
                    route.authorizer() != null ? "  (authorizer " + route.authorizer().functionLogicalId() + ")" : ""));
        }
        return table.toString();
    }

    /** What an integration calls, for the route table: a function and its handler, a backend's method and URL. */
    static String target(IntegrationSpec integration, SamTemplate template) {
        if (integration instanceof IntegrationSpec.CallsFunction calls) {
            return calls.functionLogicalId() + " (" + template.functions().get(calls.functionLogicalId()).handler() + ")";
        }
        if (integration instanceof IntegrationSpec.CallsHttp http) {
            return http.method() + " " + http.uri();
        }
        return "(no backend: the request template's statusCode)";
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
            customSynopsis = "ws-local invoke <LogicalId> --event <file.json> [options]",
            usageHelpAutoWidth = true, optionListHeading = "%nOptions (README.md has the same table):%n",
            description = "Runs one function once with an event through the local Lambda runtime, "
                    + "printing its logs and its response (DynamoDB Local and @connections run meanwhile).")
    static final class Invoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "LogicalId", description = "the function's logical id in the template "
                + "(or, as sam local invoke takes it, a CDK app's construct id or the FunctionName)")
        String logicalId;

        @Option(names = {"--event", "-e"}, order = 0, required = true, paramLabel = "<file.json>",
                description = "the event, in the shape API Gateway sends it (e.g. `events/echo.json`; `-` reads it "
                        + "from standard input)")
        Path event;

        @Override
        public Integer call() throws Exception {
            String eventJson = readEvent(event, System.in);
            try {
                new Gson().fromJson(eventJson, Object.class);
            } catch (JsonParseException e) {
                throw new LocalApiException(event + " is not JSON: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            common.configureSlf4j();
            // As sam local invoke: the logs on stderr, the response alone on stdout (so it can be piped), after them.
            ConsoleLog console = ConsoleLog.forInvoke(spec.commandLine().getErr(), common.verbose);
            CountDownLatch reported = new CountDownLatch(1);
            // The function's logical id, once known: the name given may be its CDK construct id or FunctionName.
            AtomicReference<String> invoked = new AtomicReference<>(logicalId);
            RuntimeOptions runtimeOptions = common.runtimeOptions().withLogSink(new LogSink() {
                @Override
                public void line(LogLine line) {
                    console.line(line);
                    console.flush();
                    if (invoked.get().equals(line.function()) && line.kind() == LogLine.Kind.PLATFORM
                            && (line.text().startsWith("REPORT ") || line.text().startsWith("INIT_REPORT "))) {
                        reported.countDown();
                    }
                }
            });
            // One function, once: nothing to warm ahead, and Lambda's scaling.
            LocalOptions options = common.options("127.0.0.1", 0, LocalOptions.DEFAULT_IDLE_TIMEOUT,
                    LocalOptions.DEFAULT_MAX_LIFETIME, false, Scaling.LAMBDA, false, SamConfig.LOCAL_INVOKE);
            try (LocalApi api = LocalApi.start(options, runtimeOptions)) {
                invoked.set(api.register(logicalId, options));
                try {
                    String response = api.runtime().invoke(invoked.get(), eventJson).get(16, TimeUnit.MINUTES);
                    awaitReport(reported);
                    out.println(response);
                    return 0;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof FunctionFailure failure) {
                        awaitReport(reported);
                        out.println(failure.errorJson());
                        return 1;
                    }
                    if (e.getCause() instanceof FunctionThrottled throttled) {
                        // Nothing ran, so no REPORT comes: Lambda's 429 answer, and why on stderr.
                        console.line(LogLine.error(null, throttled.getMessage(), throttled.advice()));
                        console.flush();
                        out.println(throttled.lambdaAnswer());
                        return 1;
                    }
                    throw e;
                } catch (TimeoutException e) {
                    throw new LocalApiException(invoked.get() + " did not answer");
                } finally {
                    out.flush();
                }
            }
        }

        /** The event's text: from {@code stdin} for {@code -} (as {@code sam local invoke -e -}), else the file's. */
        static String readEvent(Path event, InputStream stdin) throws IOException, LocalApiException {
            if (event.toString().equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!Files.isReadable(event) || Files.isDirectory(event)) { // a pipe such as /dev/stdin is no regular file
                throw new LocalApiException("no event file at " + event.toAbsolutePath());
            }
            return Files.readString(event);
        }

        /** REPORT is logged when the runtime asks for its next event, just after the response: wait a moment. */
        private static void awaitReport(CountDownLatch reported) throws InterruptedException {
            reported.await(10, TimeUnit.SECONDS);
        }
    }

    /** A port option's value: a port, or 0 for a free one. */
    static void requirePort(String option, int port) throws LocalApiException {
        if (port < 0 || port > 65535) {
            throw new LocalApiException(option + " must be a port from 1 to 65535, or 0 for a free one; not " + port);
        }
    }

    static Map<String, Map<String, String>> readEnvVars(Path file) throws LocalApiException {
        return file == null ? Map.of() : EnvVars.read(file);
    }
}
