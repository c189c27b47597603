package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.testfunctions.ApiEndpointVariableReplyHandler;
import com.example.wsapi.local.lambda.testfunctions.ApiEndpointWebSocketHandler;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.TestTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Functions given the API's {@code wss://} URL ({@code !GetAtt Api.ApiEndpoint}) in a variable, as published
 * functions are: ws-local leaves it as it is, so the ways their code turns it into the {@code @connections}
 * endpoint ({@code replace("wss://", "https://")}, {@code replace("wss", "https")}, {@code "https://" +
 * substring(6)}) give the API's real {@code https://} URL, which the functions' proxy answers, and a WebSocket client
 * given the URL reaches the gateway through the same proxy. A variable with no scheme (the host and stage, which
 * ws-local never rewrote) works the same way once the code puts {@code https://} before it. The functions are
 * {@link DomainNameEndpointIT}'s: this test's classes with the AWS SDK's jars beside them.
 */
class ApiEndpointVariableIT {

    static final Duration REPLY = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        Path code = DomainNameEndpointIT.functionFolder("api-endpoint-function", DomainNameEndpointIT.NO_OTHER_CLIENT);
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                """ + TestTemplates.webSocketApi("reply", "dev") + TestTemplates.lambdaRoute("Reply", "$default", false)
                + TestTemplates.lambdaRoute("Client", "websocket", true) + """
                  ReplyFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %1$s
                      Handler: %2$s::handleRequest
                      Runtime: java25
                      MemorySize: 512
                      Timeout: 30
                      Environment:
                        Variables:
                          WEBSOCKET_API_ENDPOINT: !GetAtt Api.ApiEndpoint
                          STAGE: !Ref Stage
                          WEBSOCKET_URL: !Sub ${Api.ApiEndpoint}/${Stage}
                          API_HOST_AND_STAGE: !Sub ${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}
                  ClientFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %1$s
                      Handler: %3$s::handleRequest
                      Runtime: java25
                      Timeout: 30
                      Environment:
                        Variables:
                          WEBSOCKET_URL: !Join ['/', [!GetAtt Api.ApiEndpoint, !Ref Stage]]
                """.formatted(code, ApiEndpointVariableReplyHandler.class.getName(),
                ApiEndpointWebSocketHandler.class.getName()));
        api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, "us-east-1", Duration.ofMinutes(10),
                null, 0, Map.of(), Map.of(), 2), RuntimeOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static String apiHost() {
        return api.template().api().apiId() + ".execute-api.us-east-1.amazonaws.com";
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheme", "wss", "substring", "noscheme"})
    void endpointConvertedFromTheVariable_isTheApisHttpsUrl_andItsPostReachesTheClient(String conversion) {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        String message = "{\"action\":\"" + conversion + "\"}";
        client.send(message);

        assertEquals("posted to https://" + apiHost() + "/dev: " + message, client.nextMessage(REPLY));
    }

    @Test
    void webSocketClientGivenTheVariablesUrl_opensAConnectionThroughTheProxy() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        client.send("{\"action\":\"websocket\"}");

        assertEquals("opened wss://" + apiHost() + "/dev", client.nextMessage(REPLY));
    }
}
