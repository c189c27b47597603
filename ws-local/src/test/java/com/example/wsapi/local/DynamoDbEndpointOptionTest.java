package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.Scaling;
import com.example.wsapi.local.template.SamConfig;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code --dynamodb-endpoint}: a DynamoDB Local already running, instead of ws-local's own. The command line is parsed
 * as {@code ws-local} parses it, and its options made as a start makes them (nothing starts).
 */
class DynamoDbEndpointOptionTest {

    /** The options {@code ws-local <args>} would start the API with. */
    private static LocalOptions options(String... args) throws LocalApiException {
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs(args);
        Main main = commandLine.getCommand();
        return main.common.options("127.0.0.1", 0, LocalOptions.DEFAULT_IDLE_TIMEOUT,
                LocalOptions.DEFAULT_MAX_LIFETIME, false, Scaling.LAMBDA, false, SamConfig.DEPLOY);
    }

    private static String refusal(String... args) {
        return assertThrows(LocalApiException.class, () -> options(args)).getMessage();
    }

    @Test
    void endpoint_isTheUrlGiven_andNoDynamoDbLocalPortOrFolder() throws Exception {
        LocalOptions options = options("--dynamodb-endpoint", "http://127.0.0.1:8000/");

        assertEquals(URI.create("http://127.0.0.1:8000"), options.dynamoDbEndpoint());
        assertEquals(0, options.dynamoDbPort());
        assertNull(options.dbPath());
    }

    @Test
    void withoutTheOption_wsLocalStartsItsOwn_onTheGivenPortAndFolder() throws Exception {
        LocalOptions options = options("--dynamodb-port", "8000", "--db-path", "db");

        assertNull(options.dynamoDbEndpoint());
        assertEquals(8000, options.dynamoDbPort());
        assertEquals(Path.of("db"), options.dbPath());
    }

    @Test
    void endpointWithDynamoDbPort_isRefused_namingBoth() {
        String message = refusal("--dynamodb-endpoint", "http://127.0.0.1:8000", "--dynamodb-port", "8001");

        assertTrue(message.startsWith("--dynamodb-endpoint and --dynamodb-port cannot be used together"), message);
        assertTrue(message.contains("drop --dynamodb-port"), message);
    }

    @Test
    void endpointWithDynamoDbPortZero_isRefusedToo_theOptionBeingGiven() {
        String message = refusal("--dynamodb-port", "0", "--dynamodb-endpoint", "http://127.0.0.1:8000");

        assertTrue(message.startsWith("--dynamodb-endpoint and --dynamodb-port cannot be used together"), message);
    }

    @Test
    void endpointWithDbPath_isRefused_namingBoth() {
        String message = refusal("--dynamodb-endpoint", "http://127.0.0.1:8000", "--db-path", "db");

        assertTrue(message.startsWith("--dynamodb-endpoint and --db-path cannot be used together"), message);
        assertTrue(message.contains("drop --db-path"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://dynamodb.us-east-1.amazonaws.com", "http://DYNAMODB.eu-west-1.AmazonAWS.com:80",
            "https://dynamodb.cn-north-1.amazonaws.com.cn", "https://dynamodb.us-east-1.api.aws",
            "https://amazonaws.com.", "https://123456789012.ddb.us-east-1.amazonaws.com"})
    void awsEndpoint_isRefused(String endpoint) {
        String message = refusal("--dynamodb-endpoint", endpoint);

        assertTrue(message.startsWith("--dynamodb-endpoint '" + endpoint + "' is an AWS endpoint: ws-local never "
                + "sends a request to AWS"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8000", "localhost:8000", "ftp://127.0.0.1:8000", "http://",
            "http://127.0.0.1:8000/shell", "http://127.0.0.1:8000?x=1", "http://user@127.0.0.1:8000", "http://a b"})
    void notAnHttpUrlOfAHost_isRefused_sayingWhatToGive(String endpoint) {
        String message = refusal("--dynamodb-endpoint", endpoint);

        assertTrue(message.startsWith("--dynamodb-endpoint '" + endpoint + "'"), message);
        assertTrue(message.endsWith("give the URL of a DynamoDB Local, e.g. http://127.0.0.1:8000"), message);
    }

    @Test
    void aHostOfTheNetworkOrHttps_isTaken_notOnlyLoopback() throws Exception {
        assertEquals(URI.create("http://dynamodb-local:8000"),
                options("--dynamodb-endpoint", "http://dynamodb-local:8000").dynamoDbEndpoint());
        assertEquals(URI.create("https://[::1]:8443"),
                options("--dynamodb-endpoint", "HTTPS://[::1]:8443").dynamoDbEndpoint());
    }

    @Test
    void anEndpointWithoutPort_getsTheSchemesPortWrittenOut() throws Exception {
        // The functions' proxy is given the host and port to forward old DynamoDB clients' calls to.
        assertEquals(URI.create("http://dynamodb-local:80"),
                options("--dynamodb-endpoint", "http://dynamodb-local").dynamoDbEndpoint());
        assertEquals(URI.create("https://[::1]:443"),
                options("--dynamodb-endpoint", "https://[::1]/").dynamoDbEndpoint());
    }

    @Test
    void invoke_takesTheOptionToo_withTheSameRules() {
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs("invoke", "EchoFunction", "--event", "event.json", "--dynamodb-endpoint",
                "http://127.0.0.1:8000", "--db-path", "db");
        Main.Invoke invoke = commandLine.getSubcommands().get("invoke").getCommand();

        String message = assertThrows(LocalApiException.class, () -> invoke.common.options("127.0.0.1", 0,
                LocalOptions.DEFAULT_IDLE_TIMEOUT, LocalOptions.DEFAULT_MAX_LIFETIME, false, Scaling.LAMBDA, false,
                SamConfig.LOCAL_INVOKE)).getMessage();

        assertTrue(message.startsWith("--dynamodb-endpoint and --db-path cannot be used together"), message);
    }

    @Test
    void localOptions_refuseAnEndpointBesideADynamoDbLocalFolder_forCallersOtherThanTheCommandLine() {
        assertThrows(IllegalArgumentException.class, () -> new LocalOptions(Path.of("template.yaml"), "127.0.0.1",
                0, null, "us-east-1", LocalOptions.DEFAULT_IDLE_TIMEOUT, Path.of("db"), 0, null,
                java.util.Map.of(), 1, null, false, Scaling.LAMBDA, false, LocalOptions.DEFAULT_MAX_LIFETIME, false,
                SamConfig.Lookup.DEPLOY, null, URI.create("http://127.0.0.1:8000")));
    }
}
