package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.TestTemplates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLoaderTest {

    private static final Path TEMPLATES = Path.of("src/test/resources/templates");
    private static final Path REALISTIC = TEMPLATES.resolve("realistic/template.yaml");

    private static LocalSettings settings(String stageOverride) {
        return new LocalSettings("us-east-1", "123456789012", "chat", stageOverride, URI.create("http://127.0.0.1:3001"));
    }

    private static SamTemplate realistic() throws TemplateException {
        return TemplateLoader.load(REALISTIC, settings(null));
    }

    private static Map<String, String> routeFunctions(SamTemplate template) {
        Map<String, String> byKey = new LinkedHashMap<>();
        template.api().routes().forEach(route -> byKey.put(route.routeKey(), function(route)));
        return byKey;
    }

    /** The function behind a route's Lambda integration. */
    private static String function(Route route) {
        return ((IntegrationSpec.CallsFunction) route.integration()).functionLogicalId();
    }

    private static Route route(SamTemplate template, String routeKey) {
        return template.api().routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst().orElseThrow();
    }

    /** Loads a broken template and returns the message, which must name the file. */
    private static String failureOf(String name, LocalSettings settings) {
        Path file = TEMPLATES.resolve(name);
        TemplateException e = assertThrows(TemplateException.class, () -> TemplateLoader.load(file, settings));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "\"" + fragment + "\" missing from: " + message);
        }
    }

    // ---------------------------------------------------------------- the realistic template

    @Test
    void load_rewritesManagementEndpointToLocalGateway() throws Exception {
        SamTemplate template = realistic();

        assertEquals("http://127.0.0.1:3001/dev",
                template.functions().get("EchoFunction").environment().get("CONNECTIONS_ENDPOINT"));
        assertEquals("http://127.0.0.1:3001/dev",
                template.functions().get("DefaultFunction").environment().get("CONNECTIONS_ENDPOINT"));
    }

    @Test
    void load_leavesTheApiEndpointsWssUrlAsItIs_forTheFunctionsProxy() throws Exception {
        // !Join ['/', [!GetAtt WebSocketApi.ApiEndpoint, !Ref StageName]]: code turns it into https:// itself.
        assertEquals("wss://" + TemplateLoader.apiId("WebSocketApi") + ".execute-api.us-east-1.amazonaws.com/dev",
                realistic().functions().get("EchoFunction").environment().get("WEBSOCKET_URL"));
    }

    @Test
    void load_withHttpsLocalEndpoint_rewritesHttpsUrlsToIt_andLeavesWssUrls() throws Exception {
        LocalSettings secure = new LocalSettings("us-east-1", "123456789012", "chat", null,
                URI.create("https://localhost:8443/"));

        Map<String, String> env = TemplateLoader.load(REALISTIC, secure).functions().get("EchoFunction").environment();

        assertEquals("https://localhost:8443/dev", env.get("CONNECTIONS_ENDPOINT"));
        assertEquals("wss://" + TemplateLoader.apiId("WebSocketApi") + ".execute-api.us-east-1.amazonaws.com/dev",
                env.get("WEBSOCKET_URL"));
    }

    @Test
    void load_resolvesTableRefToItsNameAndArn() throws Exception {
        SamTemplate template = realistic();
        Map<String, String> env = template.functions().get("EchoFunction").environment();

        assertEquals("chat-connections-dev", env.get("CONNECTIONS_TABLE"));
        assertEquals("arn:aws:dynamodb:us-east-1:123456789012:table/chat-connections-dev", env.get("CONNECTIONS_TABLE_ARN"));
        assertEquals(List.of("chat-connections-dev"), template.tables().stream().map(Table::tableName).toList());
    }

    @Test
    void load_readsConnectionTableKeyAndTtl() throws Exception {
        Table table = realistic().tables().get(0);

        assertEquals("ConnectionsTable", table.logicalId());
        assertEquals(List.of(new Table.KeyElement("connectionId", "HASH")), table.keySchema());
        assertEquals(Map.of("connectionId", "S"), table.attributeTypes());
        assertEquals("expiresAt", table.ttlAttribute());
        assertTrue(table.globalSecondaryIndexes().isEmpty());
    }

    @Test
    void load_mergesGlobalsIntoFunctions() throws Exception {
        SamTemplate template = realistic();
        LambdaFunction echo = template.functions().get("EchoFunction");
        LambdaFunction connect = template.functions().get("ConnectFunction");

        assertEquals(1024, echo.memorySize(), "the resource's MemorySize wins");
        assertEquals(512, connect.memorySize(), "Globals' MemorySize applies");
        assertEquals(10, echo.timeoutSeconds());
        assertEquals(5, template.functions().get("AuthorizerFunction").timeoutSeconds());
        assertEquals("java25", echo.runtime());
        assertEquals("DEBUG", echo.environment().get("LOG_LEVEL"), "the resource's variable wins");
        assertEquals("INFO", connect.environment().get("LOG_LEVEL"), "Globals' variable applies");
        assertEquals("chat-connections-dev", connect.environment().get("CONNECTIONS_TABLE"));
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", echo.environment().get("JAVA_TOOL_OPTIONS"));
        assertEquals("2", connect.environment().get("CONNECTION_TTL_HOURS"));
    }

    @Test
    void load_readsHandlerAndResolvesCodeUriAgainstTemplateFolder() throws Exception {
        LambdaFunction echo = realistic().functions().get("EchoFunction");

        assertEquals("com.example.wsapi.echo.EchoHandler::handleRequest", echo.handler());
        assertEquals(REALISTIC.toAbsolutePath().getParent().resolve("ws-echo"), echo.codeUri());
        assertTrue(echo.codeUri().isAbsolute());
    }

    @Test
    void load_resolvesSubJoinSelectSplitAndScalarTypes() throws Exception {
        Map<String, String> env = realistic().functions().get("EchoFunction").environment();

        assertEquals("Hello bob from us-east-1 (aws), ${NotAVariable}", env.get("GREETING"));
        assertEquals("100", env.get("MAX_CONNECTIONS"));
        assertEquals("true", env.get("TRACE_ENABLED"));
    }

    @Test
    void load_resolvesSamAliasRefToAliasArn() throws Exception {
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:EchoFunction:live",
                realistic().functions().get("DefaultFunction").environment().get("ECHO_FUNCTION_ALIAS_ARN"));
    }

    @Test
    void load_evaluatesConditions_andDropsNoValue() throws Exception {
        Map<String, String> env = realistic().functions().get("EchoFunction").environment();

        assertFalse(env.containsKey("PROD_ONLY_FLAG"), "!If [IsProd, .., AWS::NoValue] removes the variable in dev");
        assertEquals("yes", env.get("DEV_AUTH"));
    }

    @Test
    void load_joinsRoutesToTheirFunctions() throws Exception {
        SamTemplate template = realistic();

        assertEquals(Map.of("$connect", "ConnectFunction", "$disconnect", "DisconnectFunction",
                "$default", "DefaultFunction", "echo", "EchoFunction"), routeFunctions(template));
        assertEquals("$request.body.action", template.api().routeSelectionExpression());
        assertEquals("WebSocketApi", template.api().logicalId());
        assertEquals(List.of("ConnectRoute", "DisconnectRoute", "DefaultRoute", "EchoRoute"),
                template.api().routes().stream().map(Route::logicalId).toList());
    }

    @Test
    void load_marksOnlyRoutesWithDefaultRouteResponseAsTwoWay() throws Exception {
        SamTemplate template = realistic();

        assertTrue(route(template, "echo").twoWay());
        assertFalse(route(template, "$default").twoWay(), "a selection expression without a RouteResponse is one-way");
        assertFalse(route(template, "$connect").twoWay());
    }

    @Test
    void load_attachesRequestAuthorizerToConnectRoute() throws Exception {
        SamTemplate template = realistic();

        assertEquals(new Authorizer("ConnectAuthorizer", "AuthorizerFunction", List.of("route.request.querystring.token")),
                route(template, "$connect").authorizer());
        assertNull(route(template, "echo").authorizer());
    }

    @Test
    void load_withAuthorizerDisabledByParameter_dropsAuthorizerAndItsFunction() throws Exception {
        SamTemplate template = TemplateLoader.load(REALISTIC, settings(null), Map.of("EnableAuthorizer", "false"));

        assertNull(route(template, "$connect").authorizer());
        assertFalse(template.functions().containsKey("AuthorizerFunction"));
        assertEquals("no", template.functions().get("EchoFunction").environment().get("DEV_AUTH"));
    }

    @Test
    void load_withParameterOverrideOutsideAllowedValues_failsNamingParameter() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> TemplateLoader.load(REALISTIC, settings(null), Map.of("EnableAuthorizer", "maybe")));

        assertMentions(e.getMessage(), "Parameters.EnableAuthorizer", "maybe", "AllowedValues");
        assertTrue(e.concernsParameters(), "a parameter's value: the run says where values came from");
    }

    @Test
    void load_withOverrideOfUndeclaredParameter_failsNamingIt() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> TemplateLoader.load(REALISTIC, settings(null), Map.of("StageNmae", "prod")));

        assertMentions(e.getMessage(), "StageNmae", "does not declare");
        assertTrue(e.concernsParameters());
    }

    @Test
    void load_appliesStageOverrideToStageAndEndpoint() throws Exception {
        SamTemplate template = TemplateLoader.load(REALISTIC, settings("prod"));
        Map<String, String> echoEnv = template.functions().get("EchoFunction").environment();

        assertEquals("prod", template.api().stageName());
        assertEquals("http://127.0.0.1:3001/prod", echoEnv.get("CONNECTIONS_ENDPOINT"));
        assertEquals("wss://" + TemplateLoader.apiId("WebSocketApi") + ".execute-api.us-east-1.amazonaws.com/prod",
                echoEnv.get("WEBSOCKET_URL"));
        // The stage comes from the StageName parameter, so everything that uses the parameter follows.
        assertEquals("chat-connections-prod", template.tables().get(0).tableName());
        assertEquals("WARN", echoEnv.get("LOG_LEVEL"));
        assertEquals("enabled", echoEnv.get("PROD_ONLY_FLAG"));
        assertEquals("3", template.functions().get("ConnectFunction").environment().get("CONNECTION_TTL_HOURS"));
    }

    @Test
    void load_derivesStableApiIdFromLogicalId() throws Exception {
        String apiId = realistic().api().apiId();

        assertTrue(apiId.matches("[a-z0-9]{10}"), apiId);
        assertEquals(apiId, realistic().api().apiId());
        assertEquals(TemplateLoader.apiId("WebSocketApi"), apiId);
        assertNotEquals(TemplateLoader.apiId("OtherApi"), apiId);
    }

    @Test
    void load_returnsTheTemplateFile() throws Exception {
        assertEquals(REALISTIC, realistic().file());
    }

    // ---------------------------------------------------------------- literal stage, IAM, tables

    @Test
    void load_withLiteralStageName_overrideReplacesStageSegmentAndRef() throws Exception {
        SamTemplate template = TemplateLoader.load(TEMPLATES.resolve("literal-stage.yaml"), settings("test"));
        Map<String, String> env = template.functions().get("Handler").environment();

        assertEquals("test", template.api().stageName());
        assertEquals("http://127.0.0.1:3001/test/@connections", env.get("MANAGEMENT_URL"));
        assertEquals("test", env.get("STAGE"));
        assertEquals("https://example.com/live", env.get("UNRELATED_URL"), "other hosts are left alone");
    }

    @Test
    void load_withLiteralStageName_keepsItWithoutOverride() throws Exception {
        SamTemplate template = TemplateLoader.load(TEMPLATES.resolve("literal-stage.yaml"), settings(null));

        assertEquals("live", template.api().stageName());
        assertEquals("http://127.0.0.1:3001/live/@connections",
                template.functions().get("Handler").environment().get("MANAGEMENT_URL"));
        assertEquals("$request.body.type", template.api().routeSelectionExpression());
    }

    @Test
    void load_withIamAuthorizationOnConnect_keepsRouteWithoutAuthorizer() throws Exception {
        SamTemplate template = TemplateLoader.load(TEMPLATES.resolve("literal-stage.yaml"), settings(null));

        Route connect = route(template, "$connect");
        assertEquals("Handler", function(connect));
        assertNull(connect.authorizer());
        assertEquals("Handler", function(route(template, "message")));
    }

    @Test
    void load_readsIndexesAndGeneratesNameOfUnnamedTable() throws Exception {
        SamTemplate template = TemplateLoader.load(TEMPLATES.resolve("literal-stage.yaml"), settings(null));
        Table messages = template.tables().get(0);

        assertEquals("chat-Messages-LOCAL", messages.tableName());
        assertEquals(List.of(new Table.KeyElement("roomId", "HASH"), new Table.KeyElement("sentAt", "RANGE")),
                messages.keySchema());
        assertEquals(Map.of("roomId", "S", "sentAt", "N", "senderId", "S", "priority", "N"), messages.attributeTypes());
        assertEquals(List.of(new Table.Index("bySender", List.of(new Table.KeyElement("senderId", "HASH")), "INCLUDE",
                List.of("body"))), messages.globalSecondaryIndexes());
        assertEquals(List.of(new Table.Index("byPriority", List.of(new Table.KeyElement("roomId", "HASH"),
                new Table.KeyElement("priority", "RANGE")), "KEYS_ONLY", List.of())), messages.localSecondaryIndexes());
        assertNull(messages.ttlAttribute(), "TTL is disabled");
        Map<String, String> env = template.functions().get("Handler").environment();
        assertEquals("chat-Messages-LOCAL", env.get("MESSAGES_TABLE"));
        assertTrue(env.get("MESSAGES_STREAM").startsWith(
                "arn:aws:dynamodb:us-east-1:123456789012:table/chat-Messages-LOCAL/stream/"), env.get("MESSAGES_STREAM"));
    }

    @Test
    void load_readsSimpleTablesWithTheirDefaults() throws Exception {
        SamTemplate template = TemplateLoader.load(TEMPLATES.resolve("literal-stage.yaml"), settings(null));

        assertEquals(new Table("Sessions", "chat-Sessions-LOCAL", List.of(new Table.KeyElement("id", "HASH")),
                Map.of("id", "S"), List.of(), List.of(), null), template.tables().get(1));
        assertEquals(new Table("Users", "users-local", List.of(new Table.KeyElement("userId", "HASH")),
                Map.of("userId", "N"), List.of(), List.of(), null), template.tables().get(2));
        assertEquals("users-local", template.functions().get("Handler").environment().get("USERS_TABLE"));
    }

    @Test
    void load_ignoresUnsupportedIntrinsicsInResourcesItNeverReads() throws Exception {
        SamTemplate template = TemplateLoader.load(TEMPLATES.resolve("ignored-unsupported-intrinsics.yaml"), settings(null));

        assertEquals(Map.of("$default", "Fn"), routeFunctions(template));
    }

    @Test
    void load_givesValuesOfResourcesItDoesNotRun_theirShapesOrANotedPlaceholder() throws Exception {
        SamTemplate template = TemplateLoader.load(TEMPLATES.resolve("other-resources.yaml"), settings(null));
        Map<String, String> env = template.functions().get("Handler").environment();

        assertEquals("https://sqs.us-east-1.amazonaws.com/123456789012/chat-Queue-LOCAL", env.get("QUEUE_URL"));
        assertEquals("arn:aws:sqs:us-east-1:123456789012:chat-Queue-LOCAL", env.get("QUEUE_ARN"));
        assertEquals("arn:aws:sns:us-east-1:123456789012:chat-Topic-LOCAL", env.get("TOPIC_ARN"));
        assertEquals("arn:aws:iam::123456789012:role/chat-HandlerRole-LOCAL", env.get("ROLE_ARN"));
        assertEquals("Thing.Endpoint-LOCAL", env.get("THING_URL"));
        assertEquals(List.of("Handler Environment THING_URL is GetAtt Thing.Endpoint (Custom::Thing), which ws-local "
                + "cannot know: it gets \"Thing.Endpoint-LOCAL\". Set it with a parameter if the function needs a real "
                + "value"), template.notes());
    }

    @Test
    void load_ofARoutedFunctionWhoseHandlerNamesNoClass_notesItAndWhereItCameFrom(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, "Transform: AWS::Serverless-2016-10-31\n"
                + "Globals:\n  Function:\n    Runtime: java17\n    Handler: com.example.handlers.::handleRequest\n"
                + TemplateFixture.API + TestTemplates.lambdaRoute("Connect", "$connect", false)
                + TestTemplates.lambdaRoute("Send", "sendJson", false) + """
                  ConnectFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: com.example.handlers.ConnectHandler::handleRequest}
                  SendFunction:
                    Type: AWS::Serverless::Function
                """);

        List<String> notes = TemplateLoader.load(file, settings(null)).notes().stream()
                .filter(note -> note.contains("Handler")).toList();

        assertEquals(List.of("SendFunction's Handler com.example.handlers.::handleRequest (from Globals.Function) names "
                + "no Java class: Lambda accepts it, but every event fails with \"Class not found: "
                + "com.example.handlers.\"; give SendFunction its own Handler, package.Class::method"), notes);
    }

    @Test
    void load_ofAnAwsLambdaFunctionWhoseHandlerNamesNoClass_notesIt_notAsFromGlobals(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, "Transform: AWS::Serverless-2016-10-31\n"
                + "Globals:\n  Function:\n    Handler: com.example.handlers.::handleRequest\n"
                + TemplateFixture.API + TestTemplates.lambdaRoute("Send", "$default", false) + """
                  SendFunction:
                    Type: AWS::Lambda::Function
                    Properties: {Code: ., Runtime: java21, Handler: com.example.handlers.::handleRequest}
                """);

        List<String> notes = TemplateLoader.load(file, settings(null)).notes().stream()
                .filter(note -> note.contains("Handler")).toList();

        assertEquals(List.of("SendFunction's Handler com.example.handlers.::handleRequest names no Java class: Lambda "
                + "accepts it, but every event fails with \"Class not found: com.example.handlers.\"; give "
                + "SendFunction its own Handler, package.Class::method"), notes, "Globals are SAM functions' alone");
    }

    // ---------------------------------------------------------------- broken templates

    @Test
    void load_withoutWebSocketApi_failsNamingWhatIsMissing() {
        assertMentions(failureOf("broken/no-websocket-api.yaml", settings(null)),
                "no WebSocket API", "AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET");
    }

    @Test
    void load_withTwoWebSocketApis_failsNamingBoth_andTheOptionThatChooses() {
        assertMentions(failureOf("broken/two-websocket-apis.yaml", settings(null)), "2 WebSocket APIs [Api, SecondApi]",
                "choose it with --api <LogicalId> (--api Api or --api SecondApi)");
    }

    @Test
    void load_withParameterWithoutDefault_failsNamingIt() {
        assertMentions(failureOf("broken/parameter-without-default.yaml", settings(null)),
                "ConnectionsTableName", "no Default", "--parameter-overrides ConnectionsTableName=<value>");
    }

    @Test
    void load_withS3CodeUri_failsSayingCodeMustBeLocal() {
        assertMentions(failureOf("broken/s3-codeuri.yaml", settings(null)),
                "Resources.Fn.Properties.CodeUri", "ws-local runs local code");
    }

    @Test
    void load_withCodeUriOfMissingFolder_failsNamingThePath() {
        assertMentions(failureOf("broken/codeuri-missing-folder.yaml", settings(null)),
                "Resources.Fn.Properties.CodeUri", "ws-ehco", "does not exist");
    }

    @Test
    void load_withRouteToFunctionNotInTemplate_failsNamingRouteAndFunction() {
        assertMentions(failureOf("broken/route-function-not-in-template.yaml", settings(null)),
                "route Route", "ElsewhereFunction", "which is no function of the template",
                "not one another stack deploys");
    }

    @Test
    void load_withRouteToAPythonLambdaFunction_failsSayingItRunsJavaOnly() {
        assertMentions(failureOf("broken/route-to-lambda-function.yaml", settings(null)),
                "calls InlineFunction, an AWS::Lambda::Function ws-local cannot run: InlineFunction runs on "
                + "python3.13: ws-local runs Java functions only");
    }

    @Test
    void load_withHttpProxyIntegrationWithoutMethod_failsAskingForIt() {
        assertMentions(failureOf("broken/http-integration.yaml", settings(null)),
                "Resources.Integration.Properties", "IntegrationMethod is missing", "IntegrationMethod: POST");
    }

    @Test
    void load_withoutStage_failsAskingForStage() {
        assertMentions(failureOf("broken/no-stage.yaml", settings(null)), "no AWS::ApiGatewayV2::Stage", "--stage");
    }

    @Test
    void load_withoutStageButWithOverride_usesOverride() throws Exception {
        assertEquals("dev", TemplateLoader.load(TEMPLATES.resolve("broken/no-stage.yaml"), settings("dev")).api().stageName());
    }

    @Test
    void load_withInvalidStageOverride_failsNamingIt() {
        TemplateException e = assertThrows(TemplateException.class, () -> TemplateLoader.load(REALISTIC, settings("a/b")));

        assertMentions(e.getMessage(), "a/b", "not a valid stage name");
        assertFalse(e.concernsParameters(), "a problem of a property, not of the parameters' values");
    }

    @Test
    void load_withUnsupportedIntrinsicWhereUsed_failsNamingPropertyAndFix() {
        assertMentions(failureOf("broken/import-value-in-environment.yaml", settings(null)),
                "Resources.Fn.Properties.Environment.Variables.SHARED_TOPIC", "Fn::ImportValue", "parameter");
    }

    @Test
    void load_withAnOutputNamingAnUndeclaredResource_failsAsCloudFormationWould() {
        assertMentions(failureOf("broken/output-names-missing-api.yaml", settings(null)),
                "Outputs.WebSocketCommand.Value", "Ref WebSocketApi", "did you mean WebsocketApi?");
    }

    @Test
    void load_withSamResourcesWithoutTransform_failsAskingForIt() {
        assertMentions(failureOf("broken/no-transform.yaml", settings(null)),
                "Resources.Fn", "Transform: AWS::Serverless-2016-10-31");
    }

    @Test
    void load_withJavaTypeTag_failsWithoutInstantiatingIt() {
        assertMentions(failureOf("broken/arbitrary-type-tag.yaml", settings(null)), "javax.script.ScriptEngineManager");
    }

    @Test
    void load_withTooManyAliases_failsBeforeExpanding() {
        assertMentions(failureOf("broken/alias-count-bomb.yaml", settings(null)), "aliases");
    }

    @Test
    void load_withAliasesExpandingTooFar_failsBeforeExhaustingMemory() {
        assertMentions(failureOf("broken/alias-expansion-bomb.yaml", settings(null)), "expands to more than");
    }

    @Test
    void load_withMissingFile_failsNamingIt() {
        assertMentions(failureOf("does-not-exist.yaml", settings(null)), "template not found");
    }
}
