package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.API;
import static com.example.wsapi.local.template.TemplateFixture.context;
import static com.example.wsapi.local.template.TemplateFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionsReaderTest {

    @TempDir
    Path folder;

    private FunctionsReader reader(String template) {
        TemplateContext context = context(folder, template);
        ApiReader api = new ApiReader(context);
        return new FunctionsReader(context,
                new EndpointRewriter(api.webSocketApiId(), Set.of("dev"), "dev", context.settings()));
    }

    private static final String WITH_GLOBALS = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: java25
                CodeUri: .
                Timeout: 10
                Environment:
                  Variables:
                    LOG_LEVEL: INFO
                    SHARED: global
            """ + API + """
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.Handler::handleRequest
                  MemorySize: 512
                  Environment:
                    Variables:
                      LOG_LEVEL: DEBUG
                      ENDPOINT: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com/dev
            """;

    @Test
    void function_hasGlobalsMergedKeyByKey_theResourceWinning_andTheApiEndpointRewrittenToTheGateway() {
        LambdaFunction fn = reader(WITH_GLOBALS).functions().get("Fn");

        assertEquals(new LambdaFunction("Fn", "example.Handler::handleRequest", "java25", folder.toAbsolutePath(),
                512, 10, Map.of("LOG_LEVEL", "DEBUG", "SHARED", "global",
                "ENDPOINT", "http://127.0.0.1:3001/dev")), fn);
    }

    /** WITH_GLOBALS with a second function, Other, and {@code globals} added to Globals.Function. */
    private String withReservations(String globals, String fn, String other) {
        return ("""
                Parameters:
                  Reserved:
                    Type: Number
                    Default: 2
                Conditions:
                  Never: !Equals [a, b]
                """ + WITH_GLOBALS + """
                  Other:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Other::handleRequest
                """).replace("""
                    Timeout: 10
                """, """
                    Timeout: 10
                """ + globals).replace("""
                      MemorySize: 512
                """, """
                      MemorySize: 512
                """ + fn) + other;
    }

    @Test
    void reservedConcurrentExecutions_isReadFromTheFunction_aParameter_orGlobals_andAbsentWithoutIt() {
        assertEquals(OptionalInt.empty(), reader(WITH_GLOBALS).functions().get("Fn").reservedConcurrentExecutions());

        Map<String, LambdaFunction> functions = reader(withReservations("""
                    ReservedConcurrentExecutions: 5
                """, """
                      ReservedConcurrentExecutions: !Ref Reserved
                """, "")).functions();
        assertEquals(OptionalInt.of(2), functions.get("Fn").reservedConcurrentExecutions(), "the parameter's");
        assertEquals(OptionalInt.of(5), functions.get("Other").reservedConcurrentExecutions(), "Globals.Function's");

        Map<String, LambdaFunction> zeroOrNone = reader(withReservations("""
                    ReservedConcurrentExecutions: 5
                """, """
                      ReservedConcurrentExecutions: !If [Never, 3, !Ref AWS::NoValue]
                """, """
                      ReservedConcurrentExecutions: 0
                """)).functions();
        assertEquals(OptionalInt.empty(), zeroOrNone.get("Fn").reservedConcurrentExecutions(), "AWS::NoValue: none");
        assertEquals(OptionalInt.of(0), zeroOrNone.get("Other").reservedConcurrentExecutions());
    }

    @Test
    void reservedConcurrentExecutions_negativeOrNotAWholeNumber_isRefusedNamingTheFunctionAndProperty() {
        for (String bad : List.of("-1", "1.5", "lots")) {
            problem(() -> reader(withReservations("", """
                          ReservedConcurrentExecutions: %s
                    """.formatted(bad), "")).functions(),
                    "Resources.Fn.Properties.ReservedConcurrentExecutions", "\"" + bad + "\" is not a number of "
                    + "concurrent executions", "0 or more");
        }
    }

    @Test
    void function_withoutLoggingConfig_logsTextToItsOwnGroup() {
        assertEquals(FunctionLogging.DEFAULT, reader(WITH_GLOBALS).functions().get("Fn").logging());
    }

    @Test
    void function_withLoggingConfigInGlobalsAndItsOwn_hasBothMerged_andItsLogGroupsName() {
        String template = WITH_GLOBALS.replace("""
                    Timeout: 10
                """, """
                    Timeout: 10
                    LoggingConfig:
                      LogFormat: JSON
                      ApplicationLogLevel: WARN
                """).replace("""
                      MemorySize: 512
                """, """
                      MemorySize: 512
                      LoggingConfig:
                        LogGroup: !Ref FnLogs
                  FnLogs:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: !Sub /aws/lambda/${AWS::StackName}/Fn
                """);

        FunctionLogging logging = reader(template).functions().get("Fn").logging();

        assertEquals(new FunctionLogging("JSON", "WARN", null, "/aws/lambda/stack/Fn"), logging);
        assertEquals(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "WARN"), logging.runtimeVariables());
    }

    @Test
    void logGroups_refAndArn_areTheirNames_orTheNameCloudFormationGenerates() {
        String template = WITH_GLOBALS.replace("""
                          ENDPOINT: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com/dev
                """, """
                          NAMED: !GetAtt Named.Arn
                          UNNAMED: !Ref Unnamed
                  Named:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: /custom/logs
                  Unnamed:
                    Type: AWS::Logs::LogGroup
                """);

        Map<String, String> environment = reader(template).functions().get("Fn").environment();

        assertEquals("arn:aws:logs:us-east-1:123456789012:log-group:/custom/logs:*", environment.get("NAMED"));
        assertEquals("stack-Unnamed-LOCAL", environment.get("UNNAMED"));
    }

    @Test
    void loggingConfig_inJsonWithoutALevel_filtersAtInfo_asLambdaDoes() {
        String template = WITH_GLOBALS.replace("""
                    Timeout: 10
                """, """
                    Timeout: 10
                    LoggingConfig:
                      LogFormat: JSON
                """);

        assertEquals(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "INFO"),
                reader(template).functions().get("Fn").logging().runtimeVariables());
        assertEquals(Map.of(), FunctionLogging.DEFAULT.runtimeVariables());
    }

    @Test
    void loggingConfig_withALevelButTextLogs_failsAsLambdaRefusesIt() {
        String template = WITH_GLOBALS.replace("""
                    Timeout: 10
                """, """
                    Timeout: 10
                    LoggingConfig:
                      ApplicationLogLevel: DEBUG
                """);

        problem(() -> reader(template).functions(), "Resources.Fn.Properties.LoggingConfig.ApplicationLogLevel",
                "only to JSON logs", "Text (the default)", "add LogFormat: JSON");
    }

    @Test
    void loggingConfig_withValuesLambdaRefuses_failsNamingTheProperty() {
        String withConfig = WITH_GLOBALS.replace("""
                    Timeout: 10
                """, """
                    Timeout: 10
                    LoggingConfig:
                      LogFormat: CONFIG
                """);
        problem(() -> reader(withConfig.replace("CONFIG", "json")).functions(),
                "Resources.Fn.Properties.LoggingConfig.LogFormat", "\"json\" is not one of [Text, JSON]");
        problem(() -> reader(withConfig.replace("CONFIG", "JSON\n      SystemLogLevel: ERROR")).functions(),
                "Resources.Fn.Properties.LoggingConfig.SystemLogLevel", "[DEBUG, INFO, WARN]");
        problem(() -> reader(withConfig.replace("CONFIG", "JSON\n      LogGroup: my logs")).functions(),
                "Resources.Fn.Properties.LoggingConfig.LogGroup", "not a log group name");
        problem(() -> reader(withConfig.replace("CONFIG", "JSON\n      Format: JSON")).functions(),
                "Resources.Fn.Properties.LoggingConfig.Format", "not a LoggingConfig property");
    }

    @Test
    void function_withATimeoutLambdaRefuses_failsNamingTheRange() {
        problem(() -> reader(WITH_GLOBALS.replace("Timeout: 10", "Timeout: 901")).functions(),
                "Resources.Fn.Properties.Timeout", "Lambda accepts 1 to 900");
    }

    @Test
    void function_withARuntimeThatIsNotJava_failsNamingTheJavaRuntimes() {
        problem(() -> reader(WITH_GLOBALS.replace("Runtime: java25", "Runtime: python3.12")).functions(),
                "Resources.Fn.Properties.Runtime", "python3.12", "java21", "Java functions only");
        assertEquals("java8.al2",
                reader(WITH_GLOBALS.replace("Runtime: java25", "Runtime: java8.al2")).functions().get("Fn").runtime());
        String java8 = problem(() -> reader(WITH_GLOBALS.replace("Runtime: java25", "Runtime: java8")).functions(),
                "Resources.Fn.Properties.Runtime", "java8 is a deprecated runtime", "write java8.al2");
        assertFalse(java8.contains("Java functions only"), java8);
        problem(() -> reader(WITH_GLOBALS.replace("Runtime: java25", "Runtime: provided.al2023")).functions(),
                "Resources.Fn.Properties.Runtime", "no custom runtime", "a parameter can choose a Java runtime");
    }

    @Test
    void function_withLayersOfTheTemplate_hasTheirContentUris_inOrder() throws Exception {
        Files.createDirectories(folder.resolve("layers/deps"));
        Files.writeString(folder.resolve("layers/more.zip"), "zip");
        String layers = """
                      Layers: [!Ref Deps, !Ref More]
                  Deps:
                    Type: AWS::Serverless::LayerVersion
                    Properties:
                      ContentUri: layers/deps
                  More:
                    Type: AWS::Serverless::LayerVersion
                    Properties:
                      ContentUri: layers/more.zip
                """;

        LambdaFunction fn = reader(WITH_GLOBALS + layers).functions().get("Fn");

        assertEquals(List.of(new LambdaLayer("Deps", folder.resolve("layers/deps").toAbsolutePath()),
                new LambdaLayer("More", folder.resolve("layers/more.zip").toAbsolutePath())), fn.layers());
    }

    @Test
    void function_withALayerNotInTheTemplate_failsSayingWsLocalCannotFetchIt() {
        String arn = "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:38";

        problem(() -> reader(WITH_GLOBALS + "      Layers: [" + arn + "]\n").functions(),
                "Resources.Fn.Properties.Layers[0]", arn, "cannot fetch layers", "AWS::Serverless::LayerVersion");
    }

    /** WITH_GLOBALS with Fn named by its FunctionName, and a function Caller that reads Fn's name and ARN. */
    private static String named(String functionName) {
        return WITH_GLOBALS.replace("      Handler: example.Handler::handleRequest\n",
                "      Handler: example.Handler::handleRequest\n      FunctionName: " + functionName + "\n") + """
                  Caller:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Caller::handleRequest
                      Environment:
                        Variables:
                          TARGET: !Ref Fn
                          TARGET_ARN: !GetAtt Fn.Arn
                """;
    }

    @Test
    void function_withAFunctionName_isKnownByIt_toRefArnsItselfAndInvocationUris() {
        FunctionsReader reader = reader(named("!Sub ${AWS::StackName}-connect"));

        LambdaFunction fn = reader.functions().get("Fn");
        assertEquals("Fn", fn.logicalId());
        assertEquals("stack-connect", fn.functionName());
        Map<String, String> caller = reader.functions().get("Caller").environment();
        assertEquals("stack-connect", caller.get("TARGET"));
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:stack-connect", caller.get("TARGET_ARN"));
        assertEquals("Fn", reader.logicalIdOf("stack-connect"));
        assertEquals("Caller", reader.functions().get("Caller").functionName(), "no FunctionName: the logical id");
    }

    @Test
    void function_withAFunctionNameLambdaRefuses_failsNamingTheRule() {
        problem(() -> reader(named("\"stack/connect\"")).functions(), "Resources.Fn.Properties.FunctionName",
                "stack/connect", "1 to 64 letters, digits, hyphens or underscores");
        problem(() -> reader(named("!Sub ${Fn.Arn}-x")).functions(), "Resources.Fn.Properties.FunctionName",
                "refers to the function itself");
    }

    @Test
    void functions_twoNamedAlike_failNamingBoth() {
        problem(() -> reader(named("Caller")).functions(), "Fn and Caller are both named Caller",
                "different FunctionNames");
    }

    @Test
    void invokedFunction_isTheFunctionNameOfTheArn_withOrWithoutAlias() {
        String uri = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:eu-west-1:123456789012:function:Echo%s/invocations";

        assertEquals("Echo", FunctionsReader.invokedFunction(uri.formatted(""), "IntegrationUri", "at"));
        assertEquals("Echo", FunctionsReader.invokedFunction(uri.formatted(":live"), "IntegrationUri", "at"));
        problem(() -> FunctionsReader.invokedFunction("https://example.com/x", "IntegrationUri", "Resources.I"),
                "Resources.I", "not a Lambda invocation URI", "IntegrationUri: !Sub arn:");
    }

    @Test
    void invokedQualifier_isTheAliasOrVersionAfterTheFunctionsName_orNullForNone() {
        String uri = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:eu-west-1:123456789012:function:Echo%s/invocations";

        assertNull(FunctionsReader.invokedQualifier(uri.formatted("")));
        assertEquals("live", FunctionsReader.invokedQualifier(uri.formatted(":live")));
        assertEquals("7", FunctionsReader.invokedQualifier(uri.formatted(":7")));
    }

    @Test
    void function_withoutCodeUri_hereOrInGlobals_runsFromTheTemplatesFolder_asTheSamCliBuildsIt() {
        LambdaFunction fn = reader("Transform: AWS::Serverless-2016-10-31\n" + API + """
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler::handleRequest
                      Runtime: java17
                """).functions().get("Fn");

        assertEquals(folder.toAbsolutePath().normalize(), fn.codeUri());
    }

    @Test
    void requireRunnable_explainsWhyAPlainLambdaFunctionCannotRun() {
        FunctionsReader reader = reader(WITH_GLOBALS + """
                  Inline:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code:
                        ZipFile: exports.handler = async () => ({})
                """);

        reader.requireRunnable("Fn", "route R", "at");
        problem(() -> reader.requireRunnable("Inline", "route R", "Resources.I.Properties.IntegrationUri"),
                "route R calls Inline, an AWS::Lambda::Function ws-local cannot run: Inline's code is inline "
                + "(Code.ZipFile), which Lambda runs for Node.js and Python only");
        problem(() -> reader.requireRunnable("Nowhere", "route R", "at"), "Nowhere, which is no function of the "
                + "template");
    }

    @Test
    void lambdaFunction_withCodeAsALocalPath_runsItAsItIs_withoutGlobals() throws Exception {
        Files.createDirectories(folder.resolve("build/fn"));
        LambdaFunction fn = reader(WITH_GLOBALS + """
                  Plain:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code: build/fn
                      Handler: example.Plain
                      Runtime: java21
                """).functions().get("Plain");

        assertEquals(new LambdaFunction("Plain", "Plain", "example.Plain", "java21",
                folder.resolve("build/fn").toAbsolutePath(), 128, 3, Map.of(), false, List.of(),
                FunctionLogging.DEFAULT, true, null, OptionalInt.empty()), fn,
                "Lambda's defaults; Globals.Function is SAM's alone");
    }

    @Test
    void lambdaFunction_ofACdkLayer_hasTheLayersAssetOnItsClasspath() throws Exception {
        Files.createDirectories(folder.resolve("cdk.out/asset.f00d/java/lib"));
        Files.createDirectories(folder.resolve("cdk.out/asset.c0de"));
        LambdaFunction fn = reader(API + """
                  Deps:
                    Type: AWS::Lambda::LayerVersion
                    Properties:
                      Content:
                        S3Bucket: !Sub cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}
                        S3Key: f00d.zip
                    Metadata:
                      aws:cdk:path: App/Deps/Resource
                      aws:asset:path: cdk.out/asset.f00d
                      aws:asset:is-bundled: false
                      aws:asset:property: Content
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code:
                        S3Bucket: !Sub cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}
                        S3Key: c0de.zip
                      Handler: example.Handler::handleRequest
                      Runtime: java21
                      Layers: [!Ref Deps]
                    Metadata:
                      aws:cdk:path: App/Fn/Resource
                      aws:asset:path: cdk.out/asset.c0de
                      aws:asset:property: Code
                """).functions().get("Fn");

        assertEquals(folder.resolve("cdk.out/asset.c0de").toAbsolutePath(), fn.codeUri());
        assertEquals(List.of(new LambdaLayer("Deps", folder.resolve("cdk.out/asset.f00d").toAbsolutePath())),
                fn.layers());
        assertEquals("Fn", fn.cdkId());
    }

    @Test
    void lambdaFunction_ofALayerInS3Only_isRefusedNamingWhy() {
        problem(() -> reader(API + """
                  Deps:
                    Type: AWS::Lambda::LayerVersion
                    Properties:
                      Content:
                        S3Bucket: my-bucket
                        S3Key: deps.zip
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code: .
                      Handler: example.Handler::handleRequest
                      Runtime: java21
                      Layers: [!Ref Deps]
                """).functions(), "Resources.Fn.Properties.Layers[0]", "layer Deps's content is in S3 "
                + "(Content.S3Bucket and S3Key)", "ws-local cannot fetch layers");
    }

    @Test
    void lambdaFunctions_notRun_areTheImageOnes_theOnesOfOtherRuntimes_andTheOnesInS3Only() {
        FunctionsReader reader = reader(API + """
                  Image:
                    Type: AWS::Lambda::Function
                    Properties:
                      PackageType: Image
                      Code:
                        ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:latest
                  Native:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code: .
                      Handler: bootstrap
                      Runtime: provided.al2023
                  Stored:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code:
                        S3Bucket: my-bucket
                        S3Key: fn.zip
                      Handler: example.Handler::handleRequest
                      Runtime: java21
                """);

        assertEquals(Map.of(), reader.functions());
        assertTrue(reader.notRun().get("Image").contains("Image runs a container image"));
        assertTrue(reader.notRun().get("Native").contains("Native runs on provided.al2023: ws-local runs no custom "
                + "runtime"));
        assertTrue(reader.notRun().get("Stored").contains("Stored's code is in S3 (Code.S3Bucket and S3Key) and its "
                + "Metadata names no local copy"), reader.notRun().get("Stored"));
    }

    @Test
    void lambdaFunction_ofADeprecatedJavaRuntime_isRefusedAsASamFunctionIs() {
        problem(() -> reader(API + """
                  Old:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code: .
                      Handler: example.Handler::handleRequest
                      Runtime: java8
                """).functions(), "Resources.Old.Properties.Runtime", "java8 is a deprecated runtime");
    }

    @Test
    void lambdaFunction_withCodeAtAPathThatIsNotThere_isRefusedNamingThePath() {
        problem(() -> reader(API + """
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code: build/missing
                      Handler: example.Handler::handleRequest
                      Runtime: java21
                """).functions(), "Resources.Fn.Properties.Code", "Code build/missing does not exist");
    }

    @Test
    void requireRunnable_ofAPlainLambdaFunctionCalledByItsFunctionName_namesItAsSuch() {
        FunctionsReader reader = reader(WITH_GLOBALS + """
                  Function:
                    Type: AWS::Lambda::Function
                    Properties:
                      FunctionName: !Sub ${AWS::StackName}-Deployment
                      Handler: de.example.TestLambda::handleRequest
                      Runtime: java11
                      Code:
                        S3Bucket: artifacts
                        S3Key: lambda.jar
                """);

        problem(() -> reader.requireRunnable("stack-Deployment", "route R", "Resources.I.Properties.IntegrationUri"),
                "route R calls stack-Deployment (Function), an AWS::Lambda::Function",
                "AWS::Serverless::Function with a local CodeUri");
    }
}
