package com.example.wsapi.local;

import com.example.wsapi.local.gateway.FunctionInvoker;
import com.example.wsapi.local.gateway.Gateway;
import com.example.wsapi.local.gateway.GatewaySettings;
import com.example.wsapi.local.gateway.GatewayStartException;
import com.example.wsapi.local.gateway.LocalHttpEndpoint;
import com.example.wsapi.local.gateway.RouteBinding;
import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.example.wsapi.local.issuer.LocalIssuer;
import com.example.wsapi.local.lambda.FunctionCode;
import com.example.wsapi.local.lambda.FunctionFailure;
import com.example.wsapi.local.lambda.FunctionSettings;
import com.example.wsapi.local.lambda.LambdaRuntime;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.storage.LocalDynamoDb;
import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.LocalSettings;
import com.example.wsapi.local.template.Route;
import com.example.wsapi.local.template.SamTemplate;
import com.example.wsapi.local.template.TemplateException;
import com.example.wsapi.local.template.TemplateLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole API on one machine: the template read, DynamoDB Local with its tables, every routed function behind the
 * local Lambda runtime, and the gateway in front. Parts start in dependency order and stop in reverse.
 */
public final class LocalApi implements AutoCloseable {

    private static final String ACCOUNT_ID = "123456789012";

    private final SamTemplate template;
    private final LocalDynamoDb dynamo;
    private final LambdaRuntime runtime;
    private final Gateway gateway;
    private final List<String> tables;

    private LocalApi(SamTemplate template, LocalDynamoDb dynamo, LambdaRuntime runtime, Gateway gateway,
                     List<String> tables) {
        this.template = template;
        this.dynamo = dynamo;
        this.runtime = runtime;
        this.gateway = gateway;
        this.tables = tables;
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
        int port = options.port() == 0 ? FreePort.find(options.host()) : options.port();
        URI localEndpoint = URI.create("http://" + hostForUrl(options.host()) + ":" + port);
        SamTemplate template;
        try {
            template = TemplateLoader.load(templateFile, new LocalSettings(options.region(), ACCOUNT_ID,
                    stackName(templateFile), options.stage(), localEndpoint), options.parameterOverrides());
        } catch (TemplateException e) {
            throw new LocalApiException(e.getMessage(), e);
        }
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalDynamoDb dynamo = LocalDynamoDb.start(options.host(), options.dynamoDbPort(), options.dbPath());
            started.add(dynamo);
            List<String> tables = dynamo.createTables(template.tables());
            LambdaRuntime runtime = new LambdaRuntime(runtimeOptions.withRegion(options.region()));
            started.add(runtime);
            for (String name : routedFunctions(template)) {
                runtime.register(settings(template, template.functions().get(name), dynamo.endpoint(), options));
            }
            Gateway gateway = Gateway.start(gatewaySettings(template, options, port), gatewayInvoker(runtime::invoke),
                    localEndpoints(issuerKeys));
            return new LocalApi(template, dynamo, runtime, gateway, tables);
        } catch (GatewayStartException | RuntimeException e) {
            closeAll(started);
            throw new LocalApiException(e.getMessage(), e);
        }
    }

    /** Registers a function no route uses (for {@code invoke}). */
    public void register(String logicalId, LocalOptions options) throws LocalApiException {
        LambdaFunction function = template.functions().get(logicalId);
        if (function == null) {
            throw new LocalApiException("no function " + logicalId + " in " + template.file() + "; functions: "
                    + String.join(", ", template.functions().keySet()));
        }
        if (!routedFunctions(template).contains(logicalId)) {
            runtime.register(settings(template, function, dynamo.endpoint(), options));
        }
    }

    public SamTemplate template() {
        return template;
    }

    public LambdaRuntime runtime() {
        return runtime;
    }

    public Gateway gateway() {
        return gateway;
    }

    public LocalDynamoDb dynamo() {
        return dynamo;
    }

    /** Tables this start created (a persisted database keeps the rest). */
    public List<String> createdTables() {
        return tables;
    }

    @Override
    public void close() {
        // The gateway first: its open connections still run $disconnect through the runtime.
        closeAll(List.of(dynamo, runtime, gateway));
    }

    /** Functions behind routes and authorizers, in route order. */
    static Set<String> routedFunctions(SamTemplate template) {
        Set<String> names = new LinkedHashSet<>();
        for (Route route : template.api().routes()) {
            names.add(route.functionLogicalId());
            if (route.authorizer() != null) {
                names.add(route.authorizer().functionLogicalId());
            }
        }
        return names;
    }

    private static FunctionSettings settings(SamTemplate template, LambdaFunction function, URI dynamoEndpoint,
                                             LocalOptions options) {
        Path templateDir = template.file().getParent();
        Map<String, String> environment = new HashMap<>(function.environment());
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString());
        environment.putAll(options.envVars().getOrDefault("Parameters", Map.of()));
        environment.putAll(options.envVars().getOrDefault(function.logicalId(), Map.of()));
        return new FunctionSettings(function.logicalId(), function.handler(),
                FunctionCode.classpath(templateDir, function.logicalId(), function.codeUri()), environment,
                Duration.ofSeconds(function.timeoutSeconds()), function.memorySize(), options.maxConcurrency());
    }

    private static GatewaySettings gatewaySettings(SamTemplate template, LocalOptions options, int port) {
        List<RouteBinding> routes = template.api().routes().stream()
                .map(route -> new RouteBinding(route.routeKey(), route.functionLogicalId(), route.twoWay(),
                        route.authorizer() == null ? null : new RouteBinding.AuthorizerBinding(
                                route.authorizer().functionLogicalId(), route.authorizer().identitySources())))
                .toList();
        GatewaySettings defaults = GatewaySettings.withDefaults(options.host(), port, template.api().stageName(),
                template.api().apiId(), options.region(), template.api().routeSelectionExpression(), routes);
        return new GatewaySettings(defaults.host(), defaults.port(), defaults.stage(), defaults.apiId(),
                defaults.region(), defaults.routeSelectionExpression(), defaults.routes(), options.idleTimeout(),
                defaults.maxLifetime(), defaults.integrationTimeout(), defaults.maxFrameBytes(),
                defaults.maxMessageBytes(), defaults.maxNewConnectionsPerSecond());
    }

    /**
     * The runtime as the gateway calls it: a function's error arrives with Lambda's error document as its message (the
     * FunctionInvoker contract), so an authorizer that throws {@code Unauthorized} is a 401 as on API Gateway; the
     * runtime's own failure stays the cause, for the log.
     */
    static FunctionInvoker gatewayInvoker(FunctionInvoker runtime) {
        return (function, event) -> {
            CompletableFuture<String> invoked = runtime.invoke(function, event);
            CompletableFuture<String> result = new CompletableFuture<>();
            invoked.whenComplete((response, failure) -> {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause == null) {
                    result.complete(response);
                } else if (cause instanceof FunctionFailure functionFailure) {
                    result.completeExceptionally(new FunctionError(functionFailure));
                } else {
                    result.completeExceptionally(cause);
                }
            });
            // The gateway cancels what it gave up on (the integration timeout): the runtime must drop it too.
            result.whenComplete((response, failure) -> {
                if (result.isCancelled()) {
                    invoked.cancel(false);
                }
            });
            return result;
        };
    }

    /** A function's error as the gateway reads it: Lambda's error document is the message; logged as the runtime's. */
    private static final class FunctionError extends RuntimeException {
        FunctionError(FunctionFailure failure) {
            super(failure.errorJson(), failure, false, false);
        }

        @Override
        public String toString() {
            return getCause().toString();
        }
    }

    /** ws-local's own HTTP endpoints beside the API (under {@code /@<name>}, a path no stage can have). */
    private static List<LocalHttpEndpoint> localEndpoints(IssuerKeyStore issuerKeys) {
        return List.of(new LocalIssuer(issuerKeys));
    }

    private static String stackName(Path templateFile) {
        Path dir = templateFile.getParent().getFileName();
        return dir == null ? "ws-local" : dir.toString().replaceAll("[^A-Za-z0-9-]", "-");
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
