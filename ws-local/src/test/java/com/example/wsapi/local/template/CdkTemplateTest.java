package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.CdkApp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template {@code cdk synth} wrote ({@code templates/cdk}, in {@code cdk.out} with its assets), read through
 * {@link TemplateLoader}: JSON, AWS::Lambda::Functions whose code is a CDK asset, the CDK's BootstrapVersion parameter
 * (an SSM parameter's name), its Rules and Conditions, its AWS::CDK::Metadata, hashed logical ids, Fn::Join-built
 * ARNs and URLs, and the CDK's own Node.js function beside the Java ones.
 */
class CdkTemplateTest {

    static final String CONNECTIONS = "ConnectionsHandler075149D6";
    static final String ECHO = "EchoHandlerB75BC5D4";
    static final String REPLY = "ReplyHandlerED1A6F38";
    static final String LOG_RETENTION = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A";

    @TempDir
    Path dir;

    private Path cdkOut() {
        return dir.resolve("cdk.out");
    }

    private static LocalSettings settings(String region) {
        return new LocalSettings(region, "123456789012", "ChatStack", null, URI.create("http://127.0.0.1:3001"));
    }

    private SamTemplate load() throws TemplateException {
        return TemplateLoader.load(CdkApp.synthesized(cdkOut()), settings("us-east-1"));
    }

    /** The synthesized template with {@code from} replaced by {@code to} (which must be there), read. */
    private SamTemplate loadChanged(String from, String to) throws Exception {
        return TemplateLoader.load(changed(from, to), settings("us-east-1"));
    }

    /** The synthesized template with each text (which must be there) replaced by the one after it. */
    private Path changed(String... fromTo) throws IOException {
        Path template = CdkApp.synthesized(cdkOut());
        String text = Files.readString(template);
        for (int i = 0; i < fromTo.length; i += 2) {
            assertTrue(text.contains(fromTo[i]), fromTo[i]);
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        return Files.writeString(template, text);
    }

    private String failure(String... fromTo) throws IOException {
        Path template = changed(fromTo);
        return assertThrows(TemplateException.class, () -> TemplateLoader.load(template, settings("us-east-1")))
                .getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "\"" + fragment + "\" missing from: " + message);
        }
    }

    private static Map<String, String> routeFunctions(SamTemplate template) {
        Map<String, String> byKey = new LinkedHashMap<>();
        template.api().routes().forEach(route -> byKey.put(route.routeKey(),
                ((IntegrationSpec.CallsFunction) route.integration()).functionLogicalId()));
        return byKey;
    }

    @Test
    void load_cdkTemplate_runsItsJavaFunctionsFromTheirAssets_asTheyAreDeployed() throws Exception {
        SamTemplate template = load();

        LambdaFunction connections = template.functions().get(CONNECTIONS);
        assertEquals(cdkOut().resolve(CdkApp.FOLDER_ASSET).toAbsolutePath(), connections.codeUri());
        assertEquals("java21", connections.runtime());
        assertEquals("com.example.wsapi.local.lambda.testfunctions.ConnectionsTableHandler::handleRequest",
                connections.handler());
        assertEquals(512, connections.memorySize());
        assertEquals(20, connections.timeoutSeconds());
        assertTrue(connections.packaged(), "a CDK asset is deployed as it is: no build output is looked for");
        assertEquals("ChatStack/ConnectionsHandler/Resource", connections.cdkPath());
        LambdaFunction echo = template.functions().get(ECHO);
        assertEquals(cdkOut().resolve(CdkApp.JAR_ASSET).toAbsolutePath(), echo.codeUri());
        assertEquals("java17", echo.runtime());
        assertEquals("com.example.wsapi.local.lambda.testfunctions.PrefixEchoHandler", echo.handler());
        assertEquals(ECHO, echo.functionName(), "Ref of a function without FunctionName: its logical id");
        assertEquals(List.of(CONNECTIONS, ECHO, REPLY), List.copyOf(template.functions().keySet()));
    }

    @Test
    void load_cdkTemplate_routesEachRouteToItsFunction_throughFnJoinBuiltIntegrationUris() throws Exception {
        SamTemplate template = load();

        assertEquals(Map.of("$connect", CONNECTIONS, "$disconnect", CONNECTIONS, "echo", ECHO, "$default", REPLY),
                routeFunctions(template));
        assertEquals("dev", template.api().stageName());
        assertTrue(template.api().routes().stream().filter(route -> route.routeKey().equals("echo")).findFirst()
                .orElseThrow().twoWay(), "returnResponse: true gives the route a route response");
    }

    @Test
    void load_cdkTemplate_givesTheFunctionsTheTableNameAndTheStagesCallbackUrl_local() throws Exception {
        SamTemplate template = load();

        assertEquals("ChatStack-Connections827CEF2F-LOCAL",
                template.functions().get(CONNECTIONS).environment().get("TABLE_NAME"));
        assertEquals("http://127.0.0.1:3001/dev", template.functions().get(REPLY).environment().get("CALLBACK_URL"),
                "the stage's callbackUrl, https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dev joined");
        Table table = template.tables().get(0);
        assertEquals("ChatStack-Connections827CEF2F-LOCAL", table.tableName());
        assertEquals(List.of(new Table.KeyElement("connectionId", "HASH")), table.keySchema());
        assertEquals("expiresAt", table.ttlAttribute());
    }

    @Test
    void load_cdkTemplate_hasNoNotes_itsPermissionsJoinedSourceArnsCoverEveryRoute() throws Exception {
        assertEquals(List.of(), load().notes());
    }

    @Test
    void load_cdkTemplate_withoutAPermission_notesTheFunctionByItsHashedId() throws Exception {
        List<String> notes = loadChanged("\"ChatApiechoRouteEchoIntegrationPermission0735E0B8\": {\n   \"Type\": \"AWS::Lambda::Permission\"",
                "\"ChatApiechoRouteEchoIntegrationPermission0735E0B8\": {\n   \"Type\": \"AWS::SNS::Topic\"").notes();

        assertEquals(1, notes.size(), notes.toString());
        assertMentions(notes.get(0), "API Gateway may not invoke " + ECHO + " (route echo)");
    }

    @Test
    void load_cdkTemplate_leavesTheCdksOwnNodeFunctionUnrun_sayingWhy() throws Exception {
        SamTemplate template = load();

        assertFalse(template.functions().containsKey(LOG_RETENTION));
        assertMentions(template.notRun().get(LOG_RETENTION), "runs on nodejs24.x", "Java functions only");
    }

    @Test
    void load_cdkTemplate_inEveryRegion_evaluatesTheCdkMetadataCondition_andIgnoresTheBootstrapRule() throws Exception {
        // CDKMetadataAvailable: Fn::Or of Fn::Or groups of Fn::Equals on AWS::Region; the rule needs SSM's value.
        Path template = CdkApp.synthesized(cdkOut());
        for (String region : List.of("us-east-1", "eu-central-2", "ap-southeast-5")) {
            assertEquals(3, TemplateLoader.load(template, settings(region)).functions().size(), region);
        }
    }

    @Test
    void load_cdkTemplate_readsNoValueOfTheBootstrapVersionSsmParameter_andTakesAnOverride() throws Exception {
        Path template = CdkApp.synthesized(cdkOut());

        assertEquals(3, TemplateLoader.load(template, settings("us-east-1"), Map.of("BootstrapVersion", "21"))
                .functions().size());
    }

    @Test
    void functionsNamed_findsAFunctionByItsLogicalId_itsConstructId_orItsName_asSamLocalInvoke() throws Exception {
        SamTemplate template = load();

        assertEquals(List.of(ECHO), template.functionsNamed(ECHO));
        assertEquals(List.of(ECHO), template.functionsNamed("EchoHandler"));
        assertEquals(List.of(), template.functionsNamed("ChatStack/EchoHandler"));
        assertEquals(List.of(), template.functionsNamed("LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a"));
    }

    /**
     * A CDK app's API of one route to {@code Fn} behind the alias {@code live} of its current version (as
     * {@code new Alias(this, "Live", {aliasName: "live", version: fn.currentVersion})} and a
     * {@code WebSocketLambdaIntegration} of the alias synthesize), its data in a TableV2 (a GlobalTable); in YAML,
     * which the CDK's JSON is read as.
     */
    private Path aliasedApp(String permissionFunctionName) throws IOException {
        Files.createDirectories(dir.resolve("cdk.out/asset.c0de"));
        return Files.writeString(dir.resolve("cdk.out/App.template.json"), """
                Resources:
                  Table4B2F:
                    Type: AWS::DynamoDB::GlobalTable
                    Properties:
                      AttributeDefinitions: [{AttributeName: connectionId, AttributeType: S}]
                      BillingMode: PAY_PER_REQUEST
                      KeySchema: [{AttributeName: connectionId, KeyType: HASH}]
                      Replicas: [{Region: !Ref AWS::Region}]
                      TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
                  Fn9270CBC0:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code: {S3Bucket: !Sub 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}', S3Key: c0de.zip}
                      Handler: example.Handler
                      Runtime: java21
                      SnapStart: {ApplyOn: PublishedVersions}
                      Environment:
                        Variables:
                          TABLE_NAME: !Ref Table4B2F
                          TABLE_ARN: !GetAtt Table4B2F.Arn
                    Metadata: {aws:cdk:path: App/Fn/Resource, aws:asset:path: asset.c0de, aws:asset:property: Code}
                  FnCurrentVersion17A89ABBa10ad92d5f3499f04c6554e5a8de58ab:
                    Type: AWS::Lambda::Version
                    Properties: {FunctionName: !Ref Fn9270CBC0}
                  Live848578DF:
                    Type: AWS::Lambda::Alias
                    Properties:
                      FunctionName: !Ref Fn9270CBC0
                      FunctionVersion: !GetAtt FnCurrentVersion17A89ABBa10ad92d5f3499f04c6554e5a8de58ab.Version
                      Name: live
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties: {Name: Api, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
                  ApidefaultRouteIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Join ['', ['arn:', !Ref AWS::Partition, ':apigateway:', !Ref AWS::Region,
                        ':lambda:path/2015-03-31/functions/', !Ref Live848578DF, '/invocations']]
                  ApidefaultRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: $default
                      Target: !Join ['', [integrations/, !Ref ApidefaultRouteIntegration]]
                  ApidefaultRoutePermission:
                    Type: AWS::Lambda::Permission
                    Properties:
                      Action: lambda:InvokeFunction
                      FunctionName: %s
                      Principal: apigateway.amazonaws.com
                      SourceArn: !Join ['', ['arn:', !Ref AWS::Partition, ':execute-api:', !Ref AWS::Region, ':',
                        !Ref AWS::AccountId, ':', !Ref Api, '/*$default']]
                  Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties: {ApiId: !Ref Api, AutoDeploy: true, StageName: dev}
                """.formatted(permissionFunctionName));
    }

    @Test
    void load_cdkFunctionBehindAnAliasOfItsVersion_isInvokedThroughTheAlias_withSnapStart() throws Exception {
        SamTemplate template = TemplateLoader.load(aliasedApp("!Ref Live848578DF"), settings("us-east-1"));

        IntegrationSpec.CallsFunction integration = (IntegrationSpec.CallsFunction) template.api().routes().get(0)
                .integration();
        assertEquals("Fn9270CBC0", integration.functionLogicalId());
        assertEquals("live", integration.functionQualifier());
        assertTrue(template.functions().get("Fn9270CBC0").snapStart(), "SnapStart applies to its published version");
        assertEquals(List.of(), template.notes(), "the permission is on the alias the integration invokes");
    }

    @Test
    void load_cdkFunctionBehindAnAlias_withThePermissionOnTheFunction_notesTheAliasMissesIt() throws Exception {
        List<String> notes = TemplateLoader.load(aliasedApp("!GetAtt Fn9270CBC0.Arn"), settings("us-east-1")).notes();

        assertEquals(1, notes.size(), notes.toString());
        assertMentions(notes.get(0), "API Gateway may not invoke Fn9270CBC0:live (route $default)",
                "FunctionName: !Ref Live848578DF");
    }

    @Test
    void load_cdkFunctionWithSnapStart_butNoVersion_runsWithoutSnapshots_asItsUnpublishedVersionDoes()
            throws Exception {
        Path template = aliasedApp("!Ref Live848578DF");
        Files.writeString(template, Files.readString(template)
                .replace("Type: AWS::Lambda::Version", "Type: AWS::SNS::Topic")
                .replace("!Ref Live848578DF, '/invocations'", "!GetAtt Fn9270CBC0.Arn, '/invocations'")
                .replace("FunctionVersion: !GetAtt FnCurrentVersion17A89ABBa10ad92d5f3499f04c6554e5a8de58ab.Version",
                        "FunctionVersion: '1'"));

        assertFalse(TemplateLoader.load(template, settings("us-east-1")).functions().get("Fn9270CBC0").snapStart());
    }

    @Test
    void load_cdkTableV2_aGlobalTable_isTheTableLocally_namedAsCloudFormationNamesIt() throws Exception {
        SamTemplate template = TemplateLoader.load(aliasedApp("!Ref Live848578DF"), settings("us-east-1"));

        Table table = template.tables().get(0);
        assertEquals("ChatStack-Table4B2F-LOCAL", table.tableName());
        assertEquals(List.of(new Table.KeyElement("connectionId", "HASH")), table.keySchema());
        assertEquals("expiresAt", table.ttlAttribute());
        Map<String, String> environment = template.functions().get("Fn9270CBC0").environment();
        assertEquals("ChatStack-Table4B2F-LOCAL", environment.get("TABLE_NAME"));
        assertEquals("arn:aws:dynamodb:us-east-1:123456789012:table/ChatStack-Table4B2F-LOCAL",
                environment.get("TABLE_ARN"));
    }

    // ---------------------------------------------------------------- what stops it, and says so

    @Test
    void load_withAnAssetMissing_failsAskingToSynthAgain_namingTheConstruct() throws Exception {
        Path template = CdkApp.synthesized(cdkOut());
        Files.delete(cdkOut().resolve(CdkApp.JAR_ASSET));

        String message = assertThrows(TemplateException.class,
                () -> TemplateLoader.load(template, settings("us-east-1"))).getMessage();

        assertMentions(message, "Resources." + ECHO + ".Metadata.aws:asset:path (ChatStack/EchoHandler/Resource in "
                + "the CDK app): ", "the CDK asset " + CdkApp.JAR_ASSET + " is not there", "run `cdk synth` again");
    }

    /** EchoHandler's Metadata as {@code cdk synth} writes it. */
    private static final String ECHO_ASSET_METADATA = """
                "aws:asset:path": "%s",
                "aws:asset:is-bundled": false,
                "aws:asset:property": "Code"
            """.formatted(CdkApp.JAR_ASSET).stripTrailing();

    @Test
    void load_synthesizedWithoutAssetMetadata_runsTheAssetTheStacksAssetManifestStagesForItsS3Key() throws Exception {
        // As an app run by itself (e.g. `mvn exec:java` with CDK_OUTDIR) writes it: the CDK CLI asks for the Metadata.
        LambdaFunction echo = loadChanged(",\n" + ECHO_ASSET_METADATA, "").functions().get(ECHO);

        assertEquals(cdkOut().resolve(CdkApp.JAR_ASSET).toAbsolutePath(), echo.codeUri());
        assertTrue(echo.packaged(), "a CDK asset is deployed as it is: no build output is looked for");
    }

    @Test
    void load_withoutAssetMetadata_whoseAssetManifestStagesAMissingAsset_failsAskingToSynthAgain() throws Exception {
        Path template = changed(",\n" + ECHO_ASSET_METADATA, "");
        Files.delete(cdkOut().resolve(CdkApp.JAR_ASSET));

        String message = assertThrows(TemplateException.class,
                () -> TemplateLoader.load(template, settings("us-east-1"))).getMessage();

        assertMentions(message, "Resources." + ECHO + ".Properties.Code.S3Key", "the CDK asset uploaded as "
                + CdkApp.JAR_ASSET.substring("asset.".length()) + " is not there", "synthesize the app again");
    }

    @Test
    void load_withoutAssetMetadataNorAssetManifest_failsWhereARouteCallsTheFunction_sayingHowToSynth()
            throws Exception {
        Path template = changed(",\n" + ECHO_ASSET_METADATA, "");
        Files.delete(cdkOut().resolve(CdkApp.ASSET_MANIFEST));

        String message = assertThrows(TemplateException.class,
                () -> TemplateLoader.load(template, settings("us-east-1"))).getMessage();

        assertMentions(message, "route ChatApiechoRoute2FEC9405 (echo) calls " + ECHO + ", an AWS::Lambda::Function "
                + "ws-local cannot run: " + ECHO + "'s code is in S3 (Code.S3Bucket and S3Key) and its Metadata names "
                + "no local copy", "and no CDK asset manifest beside the template stages it",
                "unless `cdk synth --no-asset-metadata`");
    }

    @Test
    void load_withHalfTheAssetMetadata_failsSayingBothAreNeeded() throws Exception {
        String message = failure(ECHO_ASSET_METADATA, ECHO_ASSET_METADATA.replace("aws:asset:property", "other"));

        assertMentions(message, ECHO + "'s code is in S3", "only one of aws:asset:path and aws:asset:property");
    }

    @Test
    void load_withAJavaFunctionsCodeInline_failsWhereARouteCallsIt() throws Exception {
        String message = failure(",\n" + ECHO_ASSET_METADATA, "", "\"Code\": {\n     \"S3Bucket\": {\n      \"Fn::Sub\": "
                + "\"cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}\"\n     },\n     \"S3Key\": \"d5fd",
                "\"Code\": {\"ZipFile\": \"x\"}, \"Unused\": {\"S3Key\": \"d5fd");

        assertMentions(message, ECHO + "'s code is inline (Code.ZipFile), which Lambda runs for Node.js and Python only");
    }

    @Test
    void load_withABadPropertyOfAFunction_namesItsConstructBesideItsHashedId() throws Exception {
        String message = failure("\"MemorySize\": 256", "\"MemorySize\": 64");

        assertMentions(message, "Resources." + ECHO + ".Properties.MemorySize (ChatStack/EchoHandler/Resource in the "
                + "CDK app): 64 is out of range");
    }
}
