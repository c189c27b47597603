package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.lambda.RuntimeOptions;
import com.example.wsapi.local.lambda.testfunctions.Sdk1DynamoDbHandler;
import com.example.wsapi.local.log.LogLine;
import com.example.wsapi.local.testing.JdkClient;
import com.example.wsapi.local.testing.LogLines;
import com.example.wsapi.local.testing.TestTemplates;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A function on the AWS SDK for Java 1.x DynamoDB client ({@code AmazonDynamoDBClientBuilder.defaultClient()}, which
 * reads no {@code AWS_ENDPOINT_URL_DYNAMODB}, and one built for another region) puts an item into the template's table
 * and gets it back: its calls to AWS's {@code dynamodb.<region>.amazonaws.com} go through ws-local's proxy to DynamoDB
 * Local (without it: an unknown host offline), where ws-local's own client finds the items. The function is this
 * test's classes with the SDK 1.x jars of this test's class path beside them, linked ({@code <CodeUri>/target/classes}
 * and {@code target/dependency/*.jar}, as {@link DomainNameEndpointIT}'s): DynamoDB Local itself depends on the SDK
 * 1.x DynamoDB client, so it is on the class path already (declaring it here, test-scoped, would take it out of
 * ws-local's own jar).
 */
class Sdk1DynamoDbClientIT {

    static final Duration REPLY = Duration.ofSeconds(60);
    static final String REGION = "eu-central-1";
    static final LogLines LOGS = new LogLines(true);
    /** The SDK 1.x DynamoDB client and what it loads: its core, Apache's HttpClient, Jackson, Joda-Time. */
    static final Pattern SDK1 = Pattern.compile("/(com/amazonaws/(aws-java-sdk-core|aws-java-sdk-dynamodb|jmespath-java)"
            + "|org/apache/httpcomponents/(httpclient|httpcore)|commons-logging/commons-logging|commons-codec"
            + "|com/fasterxml/jackson/(core|dataformat/jackson-dataformat-cbor)|joda-time)/");

    @TempDir
    static Path dir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        Path code = functionFolder("sdk1-dynamodb-function");
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                """ + TestTemplates.webSocketApi("items", "dev") + TestTemplates.lambdaRoute("Items", "$default", true)
                + """
                  ItemsTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions:
                        - AttributeName: id
                          AttributeType: S
                      KeySchema:
                        - AttributeName: id
                          KeyType: HASH
                  ItemsFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: %s::handleRequest
                      Runtime: java25
                      MemorySize: 512
                      Timeout: 50
                      Environment:
                        Variables:
                          TABLE_NAME: !Ref ItemsTable
                """.formatted(code, Sdk1DynamoDbHandler.class.getName()));
        api = LocalApi.start(new LocalOptions(template, "127.0.0.1", 0, null, REGION, Duration.ofMinutes(10),
                null, 0, Map.of(), Map.of(), 1), RuntimeOptions.defaults().withLogSink(LOGS::line));
    }

    /** A function's CodeUri: this test's classes and the SDK 1.x jars, linked, in the build folder. */
    static Path functionFolder(String name) throws Exception {
        Path testClasses = Path.of(Sdk1DynamoDbHandler.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path code = testClasses.resolveSibling(name);
        DomainNameEndpointIT.deleteLinks(code);
        Path dependencies = Files.createDirectories(code.resolve("target/dependency"));
        Files.createSymbolicLink(code.resolve("target/classes"), testClasses);
        List<Path> jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar") && SDK1.matcher(entry).find())
                .map(Path::of).toList();
        for (Path jar : jars) {
            Files.createSymbolicLink(dependencies.resolve(jar.getFileName()), jar);
        }
        return code;
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void sdk1Client_putsAndGetsItsItem_inDynamoDbLocal_forTheApisRegionAndAnother() {
        JdkClient client = JdkClient.connect(api.gateway().webSocketUrl());
        client.send("item-1");

        assertEquals("default " + Sdk1DynamoDbHandler.OTHER_REGION, client.nextMessage(REPLY));
        String table = api.template().tables().get(0).tableName();
        for (String[] expected : List.of(new String[] {"item-1", "default"},
                new String[] {"item-1-" + Sdk1DynamoDbHandler.OTHER_REGION, Sdk1DynamoDbHandler.OTHER_REGION})) {
            Map<String, AttributeValue> item = api.dynamo().client().getItem(get -> get.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(expected[0])))).item();
            assertEquals(expected[1], item.get("writer") == null ? item.toString() : item.get("writer").s(),
                    expected[0]);
        }
    }

    @Test
    void start_saysTheSdk1ClientReachesDynamoDbLocalThroughTheProxy_andWarnsOfNothing() {
        List<LogLine> dynamoLines = LOGS.lines().stream()
                .filter(line -> line.text().contains("DynamoDB client of the AWS SDK for Java")).toList();

        assertEquals(1, dynamoLines.size(), LOGS.text());
        assertEquals(LogLine.Kind.DETAIL, dynamoLines.get(0).kind());
        assertTrue(dynamoLines.get(0).text().startsWith("ItemsFunction's code has the DynamoDB client of the AWS SDK "
                + "for Java 1.12."), dynamoLines.get(0).text());
        assertTrue(dynamoLines.get(0).text().endsWith("through ws-local's proxy"), dynamoLines.get(0).text());
    }
}
