package com.example.wsapi.local;

import com.example.wsapi.local.chat.ChatPage;
import com.example.wsapi.local.gateway.ApiHostCertificate;
import com.example.wsapi.local.gateway.ProxyRoutes;
import com.example.wsapi.local.gateway.Gateway;
import com.example.wsapi.local.gateway.GatewaySettings;
import com.example.wsapi.local.gateway.GatewayStartException;
import com.example.wsapi.local.gateway.LocalHttpEndpoint;
import com.example.wsapi.local.gateway.integration.FunctionError;
import com.example.wsapi.local.gateway.integration.FunctionInvoker;
import com.example.wsapi.local.gateway.integration.InvokeThrottled;
import com.example.wsapi.local.gateway.RouteBinding;
import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.example.wsapi.local.issuer.LocalIssuer;
import com.example.wsapi.local.log.LogSink;
import com.example.wsapi.local.lambda.CodeWatch;
import com.example.wsapi.local.lambda.DynamoDbClientCheck;
import com.example.wsapi.local.lambda.NettyClientProxyCheck;
import com.example.wsapi.local.lambda.FunctionFailure;
import com.example.wsapi.local.lambda.FunctionThrottled;
import com.example.wsapi.local.lambda.FunctionJava;
import com.example.wsapi.local.lambda.FunctionSettings;
import com.example.wsapi.local.lambda.FunctionSource;
import com.example.wsapi.local.lambda.JavaInstallations;
import com.example.wsapi.local.lambda.LambdaRuntime;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.storage.ExternalDynamoDb;
import com.example.wsapi.local.storage.LocalDynamoDb;
import com.example.wsapi.local.storage.TableStore;
import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.LocalSettings;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamConfig;
import com.example.wsapi.local.template.SamTemplate;
import com.example.wsapi.local.template.StackName;
import com.example.wsapi.local.template.TemplateException;
import com.example.wsapi.local.template.TemplateLoader;
import com.example.wsapi.local.vtl.MappingTemplates;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * The whole API on one machine: the template read, DynamoDB Local with its tables, every routed function behind the
 * local Lambda runtime, and the gateway in front. Parts start in dependency order and stop in reverse.
 */
public final class LocalApi implements AutoCloseable {

    private static final String ACCOUNT_ID = "123456789012";
    /** Beyond Lambda's init limit, how long the start waits for warm instances before it goes on without them. */
    private static final Duration WARM_MARGIN = Duration.ofSeconds(5);

    private final SamTemplate template;
    private final StackName stack;
    private final ParameterOverrides.Values parameters;
    /** Where the tables live: ws-local's own DynamoDB Local, or the one --dynamodb-endpoint names. */
    private final TableStore dynamo;
    private final LambdaRuntime runtime;
    private final Gateway gateway;
    private final List<String> tables;
    private final FunctionJava functionJava;
    /** Rebuilt code and template changes, while the API serves; null with {@code --reload off}. */
    private final CodeWatch codeWatch;
    /** The functions' HTTPS proxy: last to stop, after the functions. */
    private final ApiHostRouting apiHost;
    private final LogSink log;

    private LocalApi(SamTemplate template, StackName stack, ParameterOverrides.Values parameters, TableStore dynamo,
                     LambdaRuntime runtime, Gateway gateway, List<String> tables, FunctionJava functionJava,
                     CodeWatch codeWatch, ApiHostRouting apiHost, LogSink log) {
        this.template = template;
        this.stack = stack;
        this.parameters = parameters;
        this.dynamo = dynamo;
        this.runtime = runtime;
        this.gateway = gateway;
        this.tables = tables;
        this.functionJava = functionJava;
        this.codeWatch = codeWatch;
        this.apiHost = apiHost;
        this.log = log;
    }

    /** Starts everything, the development issuer's keys in their default folder. */
    public static LocalApi start(LocalOptions options, RuntimeOptions runtimeOptions) throws LocalApiException {
        return start(options, runtimeOptions, new IssuerKeyStore(IssuerKeyStore.defaultFolder()));
    }

    /**
     * Starts everything, or stops what had started and explains what to fix.
     *
     * @param issuerKeys the keys the development issuer at {@code /@issuer} publishes (the token command's)
     */
    public static LocalApi start(LocalOptions options, RuntimeOptions runtimeOptions, IssuerKeyStore issuerKeys)
            throws LocalApiException {
        Path templateFile = options.template().toAbsolutePath().normalize();
        if (!Files.isRegularFile(templateFile)) {
            throw new LocalApiException("no template at " + templateFile
                    + ": run from the project folder or pass --template <file>");
        }
        if (options.port() != 0 && options.port() == options.dynamoDbPort()) {
            throw new LocalApiException("--port and --dynamodb-port are both " + options.port()
                    + ": the gateway and DynamoDB Local need a port each; choose another for one of them");
        }
        if (options.port() != 0) {
            FreePort.requireFree(options.host(), options.port());
        }
        int port = options.port() == 0 ? FreePort.find(options.host(), Set.of(options.dynamoDbPort()))
                : options.port();
        URI localEndpoint = URI.create("http://" + hostForUrl(options.host()) + ":" + port);
        // The functions' environment names DynamoDB's endpoint, and the note on serving another API beside this one
        // too: DynamoDB Local's port is chosen first, so that warm instances start while it does (neither needs the
        // other until the first event).
        int dynamoDbPort = options.dynamoDbEndpoint() != null ? 0 : options.dynamoDbPort() == 0
                ? FreePort.find(options.host(), Set.of(port)) : options.dynamoDbPort();
        URI dynamoEndpoint = options.dynamoDbEndpoint() != null ? options.dynamoDbEndpoint()
                : LocalDynamoDb.endpoint(options.host(), dynamoDbPort);
        SamTemplate template;
        MappingTemplates mappingTemplates = new MappingTemplates();
        StackName stack;
        ParameterOverrides.Values parameters = null;
        try {
            // Read once, for what the command line leaves to it; a file or environment named is checked anyway.
            SamConfig.Lookup lookup = options.samConfig();
            Optional<SamConfig> samConfig = options.stackName() == null || options.parameterOverrides() == null
                    || lookup.named() ? SamConfig.read(templateFile, lookup) : Optional.empty();
            stack = StackName.resolve(options.stackName(), templateFile, samConfig);
            parameters = ParameterOverrides.choose(options.parameterOverrides(), samConfig, lookup.command());
            ParameterOverrides.unreadDeployValues(options.parameterOverrides(), samConfig, lookup.command())
                    .ifPresent(runtimeOptions.logSink()::line);
            template = TemplateLoader.load(templateFile, new LocalSettings(options.region(), ACCOUNT_ID,
                    stack.name(), options.stage(), localEndpoint, options.api(), dynamoEndpoint,
                    options.dynamoDbEndpoint() != null), parameters.byName(),
                    mappingTemplates);
        } catch (TemplateException e) {
            throw new LocalApiException(e.getMessage() + ParameterOverrides.whence(parameters, e), e);
        }
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // A DynamoDB already running is checked before any function JVM starts, so a wrong --dynamodb-endpoint
            // is said at once; ws-local's own DynamoDB Local starts below, while warm instances do.
            TableStore given = options.dynamoDbEndpoint() == null ? null : connect(options, runtimeOptions);
            if (given != null) {
                started.add(given);
            }
            FunctionJava functionJava = FunctionJava.choose(template.functions().values().stream()
                            .map(LambdaFunction::runtime).toList(), runtimeOptions.javaExecutable(),
                    options.pickJava() ? JavaInstallations.ofThisMachine() : null);
            ApiHostRouting apiHost = apiHostRouting(template, options, port, dynamoEndpoint, runtimeOptions,
                    functionJava);
            started.add(apiHost);
            LambdaRuntime runtime = new LambdaRuntime(runtimeOptions.withRegion(options.region())
                    .withJavaExecutable(functionJava.executable()).withLaunchOptions(apiHost));
            started.add(runtime);
            List<FunctionSource> sources = new ArrayList<>();
            for (String name : routedFunctions(template)) {
                FunctionSource source = source(template, template.functions().get(name));
                runtime.register(settings(template.functions().get(name), source, dynamoEndpoint, options,
                        runtime.runtimeJars(), runtimeOptions.logSink()));
                sources.add(source);
            }
            warnOfSdkClientsMissingWsLocal(sources, runtime, dynamoEndpoint, runtimeOptions.logSink());
            CodeWatch codeWatch = null;
            if (options.reload()) {
                codeWatch = CodeWatch.start(runtime, sources, templateFile, runtimeOptions.logSink(),
                        options.warmContainers(), Clock.systemUTC());
                started.add(codeWatch);
            }
            CompletableFuture<Void> warming = options.warmContainers()
                    ? runtime.prewarm(warmingOrder(template)) : CompletableFuture.completedFuture(null);
            TableStore dynamo = given;
            if (dynamo == null) {
                dynamo = LocalDynamoDb.start(options.host(), dynamoDbPort, options.dbPath());
                started.add(dynamo);
            }
            List<String> tables = dynamo.createTables(template.tables());
            // One log for everything: the functions' lines and the gateway's go to the same sink (the console).
            Gateway gateway = Gateway.start(gatewaySettings(template, options, port), invoker(runtime::invoke),
                    mappingTemplates, localEndpoints(template, hostForUrl(options.host()) + ":" + port, issuerKeys),
                    runtimeOptions.logSink());
            started.add(gateway);
            awaitWarm(warming, runtimeOptions.initTimeout());
            return new LocalApi(template, stack, parameters, dynamo, runtime, gateway, tables, functionJava, codeWatch,
                    apiHost, runtimeOptions.logSink());
        } catch (GatewayStartException | RuntimeException e) {
            closeAll(started);
            throw new LocalApiException(e.getMessage(), e);
        }
    }

    /**
     * The DynamoDB {@code --dynamodb-endpoint} names, reached as the functions reach it (their credentials and region:
     * a DynamoDB Local without {@code -sharedDb} keeps a database per access key and region).
     */
    private static TableStore connect(LocalOptions options, RuntimeOptions runtimeOptions) {
        return ExternalDynamoDb.connect(options.dynamoDbEndpoint(), AwsSessionCredentials.create(
                runtimeOptions.accessKeyId(), runtimeOptions.secretAccessKey(), runtimeOptions.sessionToken()),
                options.region());
    }

    /**
     * What sends the functions' HTTPS calls to the API's own host (an endpoint built from the event's domainName) to
     * the gateway, and those to DynamoDB's hosts (of clients that do not read AWS_ENDPOINT_URL_DYNAMODB) to DynamoDB
     * Local: started on the first function launch, not now.
     */
    private static ApiHostRouting apiHostRouting(SamTemplate template, LocalOptions options, int port,
                                                 URI dynamoEndpoint, RuntimeOptions runtimeOptions,
                                                 FunctionJava functionJava) {
        Path cacheRoot = runtimeOptions.classDataCache() != null ? runtimeOptions.classDataCache()
                : RuntimeOptions.defaultClassDataCache();
        ProxyRoutes routes = new ProxyRoutes(GatewaySettings.domainName(template.api().apiId(), options.region()),
                InetSocketAddress.createUnresolved(hostForUrl(options.host()).replaceAll("^\\[|\\]$", ""), port),
                ProxyRoutes.dynamoDbHosts(options.region()),
                InetSocketAddress.createUnresolved(dynamoEndpoint.getHost().replaceAll("^\\[|\\]$", ""),
                        dynamoEndpoint.getPort()));
        return new ApiHostRouting(routes, cacheRoot, functionJava.executable(), ApiHostCertificate.currentKeytool(),
                runtimeOptions.logSink());
    }

    /**
     * Waits for the warm instances, so that the API is ready when they are (an instance whose init fails has logged
     * why; its function starts another on its first event, as without warming).
     */
    private static void awaitWarm(CompletableFuture<Void> warming, Duration initTimeout) {
        try {
            warming.get(initTimeout.toMillis() + WARM_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Still starting (a slow init): the first event waits for it, as it would have without warming.
        }
    }

    /**
     * Registers a function no route uses (for {@code invoke}).
     *
     * @param name its logical id or, as {@code sam local invoke} takes it, its CDK construct id or FunctionName
     * @return its logical id
     */
    public String register(String name, LocalOptions options) throws LocalApiException {
        List<String> named = template.functionsNamed(name);
        if (named.size() != 1) {
            List<String> functions = template.functions().values().stream().map(function -> function.logicalId()
                    + (function.cdkId() == null ? "" : " (" + function.cdkId() + ")")).toList();
            throw new LocalApiException((named.isEmpty() ? "no function " + name : name + " names several functions, "
                    + String.join(" and ", named) + ": give its logical id") + " in " + template.file()
                    + (template.notRun().containsKey(name) ? ": " + template.notRun().get(name) : "")
                    + "; functions: " + String.join(", ", functions));
        }
        String logicalId = named.get(0);
        if (!routedFunctions(template).contains(logicalId)) {
            LambdaFunction function = template.functions().get(logicalId);
            runtime.register(settings(function, source(template, function), dynamo.endpoint(), options,
                    runtime.runtimeJars(), log));
        }
        return logicalId;
    }

    public SamTemplate template() {
        return template;
    }

    /** The {@code java} the functions run on, and why that one. */
    public FunctionJava functionJava() {
        return functionJava;
    }

    /** The stack the template runs as: it names the tables the template leaves unnamed. */
    public StackName stack() {
        return stack;
    }

    /** The template parameter values given (the command line's, else the SAM CLI config file's) and whence. */
    ParameterOverrides.Values parameters() {
        return parameters;
    }

    public LambdaRuntime runtime() {
        return runtime;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Where the tables live. */
    public TableStore dynamo() {
        return dynamo;
    }

    /** Tables this start created (a persisted database, or a DynamoDB already running, keeps the rest). */
    public List<String> createdTables() {
        return tables;
    }

    @Override
    public void close() {
        // The gateway first: its open connections still run $disconnect through the runtime.
        List<AutoCloseable> parts = new ArrayList<>(List.of(apiHost, dynamo, runtime, gateway));
        if (codeWatch != null) {
            parts.add(codeWatch); // first: no code is handed to a runtime that stops
        }
        closeAll(parts);
    }

    /** Functions behind routes and authorizers, in route order. */
    static Set<String> routedFunctions(SamTemplate template) {
        Set<String> names = new LinkedHashSet<>();
        for (Route route : template.api().routes()) {
            if (route.integration() instanceof IntegrationSpec.CallsFunction calls) {
                names.add(calls.functionLogicalId());
            }
            if (route.authorizer() != null) {
                names.add(route.authorizer().functionLogicalId());
            }
        }
        return names;
    }

    /**
     * What a client needs first: the authorizers and {@code $connect}, then the message routes in template order,
     * {@code $disconnect} last.
     */
    static List<String> warmingOrder(SamTemplate template) {
        Set<String> order = new LinkedHashSet<>();
        List<Route> routes = template.api().routes();
        for (Route route : routes) {
            if (route.authorizer() != null) {
                order.add(route.authorizer().functionLogicalId());
            }
        }
        routes.stream().filter(route -> route.routeKey().equals("$connect")).forEach(route -> addFunction(order, route));
        routes.stream().filter(route -> !route.routeKey().equals("$disconnect"))
                .forEach(route -> addFunction(order, route));
        routes.forEach(route -> addFunction(order, route));
        return List.copyOf(order);
    }

    private static void addFunction(Set<String> functions, Route route) {
        if (route.integration() instanceof IntegrationSpec.CallsFunction calls) {
            functions.add(calls.functionLogicalId());
        }
    }

    /**
     * The runtime as the gateway calls it: a function's error as a {@link FunctionError} with Lambda's document, a
     * throttled invoke as {@link InvokeThrottled} (no function error: the function never ran).
     */
    static FunctionInvoker invoker(FunctionInvoker runtime) {
        return (function, event) -> {
            CompletableFuture<String> invoked = runtime.invoke(function, event);
            CompletableFuture<String> result = new CompletableFuture<>();
            invoked.whenComplete((response, failure) -> {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof FunctionFailure error) {
                    result.completeExceptionally(new FunctionError(error.errorType(), error.errorMessage(),
                            error.errorJson(), error));
                } else if (cause instanceof FunctionThrottled throttled) {
                    result.completeExceptionally(new InvokeThrottled(throttled.getMessage(), throttled.reason(),
                            throttled.advice(), throttled));
                } else if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(response);
                }
            });
            // The gateway gave up (its timeout): an invocation still waiting for an instance must not run.
            result.whenComplete((response, failure) -> {
                if (result.isCancelled()) {
                    invoked.cancel(false);
                }
            });
            return result;
        };
    }

    private static FunctionSource source(SamTemplate template, LambdaFunction function) {
        return new FunctionSource(template.file().getParent(), function.logicalId(), function.codeUri(),
                function.handler(), function.layers().stream()
                .map(layer -> new FunctionSource.Layer(layer.logicalId(), layer.contentUri())).toList(),
                function.packaged());
    }

    /**
     * Warns of functions whose SDK would send their DynamoDB calls to AWS, not DynamoDB Local, or whose async clients'
     * Netty client would not go through ws-local's proxy; says which DynamoDB clients reach DynamoDB Local through it.
     */
    private static void warnOfSdkClientsMissingWsLocal(List<FunctionSource> sources, LambdaRuntime runtime,
                                                       URI dynamoEndpoint, LogSink log) {
        Map<String, FunctionSource> byId = new LinkedHashMap<>();
        Map<String, List<Path>> classpaths = new LinkedHashMap<>();
        for (FunctionSource source : sources) {
            byId.put(source.logicalId(), source);
            classpaths.put(source.logicalId(), runtime.settings(source.logicalId()).classpath());
        }
        BiFunction<String, Path, String> describe = (id, place) -> byId.get(id).describe(List.of(place));
        DynamoDbClientCheck.lines(classpaths, dynamoEndpoint, describe).forEach(log::line);
        NettyClientProxyCheck.warnings(classpaths, describe).forEach(log::line);
    }

    /**
     * A function's settings, its code found now; warns when that is sam build's and Maven or Gradle built since, or
     * compiled classes without the dependencies they use.
     */
    private static FunctionSettings settings(LambdaFunction function, FunctionSource source, URI dynamoEndpoint,
                                             LocalOptions options, List<Path> runtimeJars, LogSink log) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString());
        List<String> names = function.cdkId() == null ? List.of(function.logicalId())
                : List.of(function.logicalId(), function.cdkId());
        environment.putAll(EnvVars.apply(names, function.environment(), options.envVars()));
        // Lambda sets these for the LoggingConfig, whatever the function's own variables say.
        environment.putAll(function.logging().runtimeVariables());
        List<Path> classpath = source.classpath();
        source.staleSamBuild(classpath).ifPresent(log::line);
        source.missingDependencies(classpath, runtimeJars).ifPresent(log::line);
        return new FunctionSettings(function.logicalId(), function.handler(), classpath, environment,
                Duration.ofSeconds(function.timeoutSeconds()), function.memorySize(), options.maxConcurrency(),
                options.scaling(), function.snapStart(), function.runtime(), function.functionName(),
                function.logging().logGroup(), function.reservedConcurrentExecutions());
    }

    private static GatewaySettings gatewaySettings(SamTemplate template, LocalOptions options, int port) {
        List<RouteBinding> routes = template.api().routes().stream()
                .map(route -> new RouteBinding(route.routeKey(), route.integration(), route.twoWay(),
                        route.authorizer() == null ? null : new RouteBinding.AuthorizerBinding(
                                route.authorizer().functionLogicalId(), route.authorizer().identitySources())))
                .toList();
        GatewaySettings defaults = GatewaySettings.withDefaults(options.host(), port, template.api().stageName(),
                template.api().apiId(), options.region(), template.api().routeSelectionExpression(), routes);
        return new GatewaySettings(defaults.host(), defaults.port(), defaults.stage(), defaults.apiId(),
                defaults.region(), defaults.routeSelectionExpression(), defaults.routes(), options.idleTimeout(),
                options.maxLifetime(), defaults.integrationTimeout(), defaults.maxFrameBytes(),
                defaults.maxMessageBytes(), defaults.maxNewConnectionsPerSecond(), template.api().stageVariables());
    }

    /** The chat page, served by the gateway at {@code /@chat/}. */
    public URI chatPageUrl() {
        return URI.create("http://" + gateway.webSocketUrl().getRawAuthority() + "/" + ChatPage.SEGMENT + "/");
    }

    /** ws-local's own HTTP endpoints beside the API (under {@code /@<name>}, a path no stage can have). */
    private static List<LocalHttpEndpoint> localEndpoints(SamTemplate template, String gatewayAuthority,
                                                          IssuerKeyStore issuerKeys) {
        return List.of(new ChatPage(template.api().stageName(), gatewayAuthority,
                ChatPage.whyOff(template.api()).orElse(null)), new LocalIssuer(issuerKeys));
    }

    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void closeAll(List<? extends AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                System.err.println("ws-local: stopping " + parts.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
