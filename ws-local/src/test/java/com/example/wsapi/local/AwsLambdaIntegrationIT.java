package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.local.gateway.Gateway;
import com.example.wsapi.local.gateway.GatewaySettings;
import com.example.wsapi.local.gateway.RouteBinding;
import com.example.wsapi.local.lambda.FunctionSettings;
import com.example.wsapi.local.lambda.LambdaRuntime;
import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.testfunctions.EchoHandler;
import com.example.wsapi.local.lambda.testfunctions.FailingHandler;
import com.example.wsapi.local.template.IntegrationResponse;
import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.RequestTemplates;
import com.example.wsapi.local.testing.JdkClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS integrations (Lambda non-proxy) through the real local Lambda runtime: function JVMs receive the rendered
 * request template as their event, and a handler's exception reaches the gateway as Lambda's error document, whose
 * errorMessage selects the integration response.
 */
class AwsLambdaIntegrationIT {

    /** A cold function JVM on a busy machine. */
    private static final Duration REPLY = Duration.ofSeconds(30);

    static LambdaRuntime runtime;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path testClasses = Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        runtime = new LambdaRuntime(RuntimeOptions.defaults());
        runtime.register(new FunctionSettings("Echo", EchoHandler.class.getName() + "::handleRequest",
                List.of(testClasses), Map.of(), Duration.ofSeconds(10), 256, 1));
        runtime.register(new FunctionSettings("Failing", FailingHandler.class.getName() + "::handleRequest",
                List.of(testClasses), Map.of(), Duration.ofSeconds(10), 256, 1));
        RequestTemplates event = new RequestTemplates(Map.of("$default",
                "{\"connection\":\"$context.connectionId\",\"reason\":$input.json('$.reason')}"), null,
                RequestTemplates.PassthroughBehavior.NEVER);
        List<IntegrationResponse> responses = List.of(
                new IntegrationResponse("Boom", "/boom: .*/",
                        Map.of("$default", "{\"failed\":\"$input.path('$.errorMessage')\"}"), null),
                new IntegrationResponse("Result", "$default",
                        Map.of("$default", "{\"echoed\":$input.json('$.reason')}"), null));
        GatewaySettings settings = GatewaySettings.withDefaults("127.0.0.1", 0, "dev", "abcde12345", "us-east-1",
                "$request.body.action", List.of(
                        new RouteBinding("echo", new IntegrationSpec.Aws("EchoIntegration", "Echo", event, 29_000,
                                responses), true, null),
                        new RouteBinding("fail", new IntegrationSpec.Aws("FailIntegration", "Failing", event, 29_000,
                                responses), true, null)));
        gateway = Gateway.start(settings, LocalApi.invoker(runtime::invoke), List.of());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void success_isTheFunctionsResult_renderedByTheDefaultResponse() {
        JdkClient client = JdkClient.connect(gateway.webSocketUrl());

        client.send("{\"action\":\"echo\",\"reason\":\"hello ✓\"}");

        assertEquals("{\"echoed\":\"hello ✓\"}", client.nextMessage(REPLY));
    }

    @Test
    void aHandlersException_isLambdasErrorDocument_itsErrorMessageSelectingTheResponse() {
        JdkClient client = JdkClient.connect(gateway.webSocketUrl());

        client.send("{\"action\":\"fail\",\"reason\":\"room 7\"}");

        assertEquals("{\"failed\":\"boom: room 7\"}", client.nextMessage(REPLY));
    }
}
