package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.TemplateFixture.API;
import static com.example.wsapi.local.template.TemplateFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ref and GetAtt of the resource types ws-local does not run, against the shapes CloudFormation documents for them
 * (stack {@code stack}, region us-east-1, account 123456789012 unless a test says otherwise).
 */
class OtherResourceValuesTest {

    @TempDir
    Path folder;

    private final LocalPlaceholders placeholders = new LocalPlaceholders();

    /** The template's API and {@code resources} (indented as resources), read with these settings. */
    private TemplateContext context(String resources, String region) {
        Path file = folder.resolve("template.yaml");
        try {
            Files.writeString(file, "Transform: AWS::Serverless-2016-10-31\n" + API + resources);
            return new TemplateContext(file, TemplateYaml.read(file), new LocalSettings(region, "123456789012",
                    "stack", null, URI.create("http://127.0.0.1:3001")), Map.of(),
                    context -> new LocalResourceValues(context, placeholders));
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException(e);
        }
    }

    private TemplateContext context(String resources) {
        return context(resources, "us-east-1");
    }

    private static String ref(TemplateContext context, String id) {
        return context.resolveString(Map.of("Ref", id), "Outputs.Ref");
    }

    private static String getAtt(TemplateContext context, String id, String attribute) {
        return context.resolveString(Map.of("Fn::GetAtt", List.of(id, attribute)), "Outputs.Value");
    }

    private static void assertMatches(String regex, String actual) {
        assertTrue(actual.matches(regex), () -> actual + " does not match " + regex);
    }

    // ---------------------------------------------------------------- SQS

    private static final String QUEUE = """
              Queue:
                Type: AWS::SQS::Queue
            """;

    @Test
    void ref_ofQueue_isItsUrl_withTheNameCloudFormationWouldGenerate() {
        assertEquals("https://sqs.us-east-1.amazonaws.com/123456789012/stack-Queue-LOCAL", ref(context(QUEUE), "Queue"));
    }

    @Test
    void getAtt_ofQueue_givesArnNameAndUrl() {
        TemplateContext context = context(QUEUE);

        assertEquals("arn:aws:sqs:us-east-1:123456789012:stack-Queue-LOCAL", getAtt(context, "Queue", "Arn"));
        assertEquals("stack-Queue-LOCAL", getAtt(context, "Queue", "QueueName"));
        assertEquals("https://sqs.us-east-1.amazonaws.com/123456789012/stack-Queue-LOCAL",
                getAtt(context, "Queue", "QueueUrl"));
    }

    @Test
    void queue_withQueueName_isNamedSo_andInChinaHasTheChinesePartitionAndDomain() {
        TemplateContext context = context(QUEUE + """
                    Properties:
                      QueueName: !Sub ${AWS::StackName}-orders
                """, "cn-north-1");

        assertEquals("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/stack-orders", ref(context, "Queue"));
        assertEquals("arn:aws-cn:sqs:cn-north-1:123456789012:stack-orders", getAtt(context, "Queue", "Arn"));
    }

    @Test
    void fifoQueue_withoutName_hasAGeneratedNameEndingInFifo() {
        TemplateContext context = context(QUEUE + """
                    Properties:
                      FifoQueue: true
                """);

        assertEquals("stack-Queue-LOCAL.fifo", getAtt(context, "Queue", "QueueName"));
    }

    @Test
    void getAtt_ofAQueuePropertyCloudFormationReturns_isItsValue_orAPlaceholderWhenUnset() {
        TemplateContext context = context(QUEUE + """
                    Properties:
                      VisibilityTimeout: 45
                """);

        assertEquals("45", getAtt(context, "Queue", "VisibilityTimeout"));
        assertEquals("Queue.DelaySeconds-LOCAL", getAtt(context, "Queue", "DelaySeconds"));
    }

    @Test
    void getAtt_ofAnAttributeAQueueDoesNotHave_isRefusedNamingThoseItHas() {
        problem(() -> getAtt(context(QUEUE), "Queue", "Foo"), "Outputs.Value", "GetAtt Queue.Foo",
                "an AWS::SQS::Queue has no attribute Foo", "Arn, QueueName, QueueUrl", "VisibilityTimeout");
        assertTrue(placeholders.notes().isEmpty());
    }

    @Test
    void queueName_thatRefersToTheQueue_isRefused() {
        problem(() -> ref(context(QUEUE + """
                    Properties:
                      QueueName: !GetAtt Queue.QueueName
                """), "Queue"), "Resources.Queue.Properties.QueueName", "refers to the resource itself");
    }

    // ---------------------------------------------------------------- SNS

    @Test
    void topic_refIsItsArn_withTopicArnAndTopicName_andAFifoTopicsNameEndsInFifo() {
        TemplateContext context = context("""
                  Topic:
                    Type: AWS::SNS::Topic
                  Fifo:
                    Type: AWS::SNS::Topic
                    Properties:
                      FifoTopic: true
                """);

        assertEquals("arn:aws:sns:us-east-1:123456789012:stack-Topic-LOCAL", ref(context, "Topic"));
        assertEquals("arn:aws:sns:us-east-1:123456789012:stack-Topic-LOCAL", getAtt(context, "Topic", "TopicArn"));
        assertEquals("stack-Topic-LOCAL", getAtt(context, "Topic", "TopicName"));
        assertEquals("stack-Fifo-LOCAL.fifo", getAtt(context, "Fifo", "TopicName"));
    }

    // ---------------------------------------------------------------- S3

    @Test
    void bucket_refIsItsGeneratedNameInLowercase_withArnAndDomainNames() {
        TemplateContext context = context("""
                  Bucket:
                    Type: AWS::S3::Bucket
                """);

        assertEquals("stack-bucket-local", ref(context, "Bucket"));
        assertEquals("arn:aws:s3:::stack-bucket-local", getAtt(context, "Bucket", "Arn"));
        assertEquals("stack-bucket-local.s3.amazonaws.com", getAtt(context, "Bucket", "DomainName"));
        assertEquals("stack-bucket-local.s3.us-east-1.amazonaws.com", getAtt(context, "Bucket", "RegionalDomainName"));
        assertEquals("stack-bucket-local.s3.dualstack.us-east-1.amazonaws.com",
                getAtt(context, "Bucket", "DualStackDomainName"));
        // us-east-1 is among the older regions whose website endpoint has a dash before the region.
        assertEquals("http://stack-bucket-local.s3-website-us-east-1.amazonaws.com",
                getAtt(context, "Bucket", "WebsiteURL"));
    }

    @Test
    void namedBucket_inANewerRegion_hasTheWebsiteEndpointWithADot() {
        TemplateContext context = context("""
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: site-files
                """, "eu-central-1");

        assertEquals("site-files", ref(context, "Bucket"));
        assertEquals("http://site-files.s3-website.eu-central-1.amazonaws.com", getAtt(context, "Bucket", "WebsiteURL"));
    }

    // ---------------------------------------------------------------- IAM

    @Test
    void role_refIsItsName_arnHasNoRegionAndItsPath_roleIdIsAStableRoleId() {
        String roles = """
                  Role:
                    Type: AWS::IAM::Role
                  Named:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: worker
                      Path: /app/
                """;
        TemplateContext context = context(roles);

        assertEquals("stack-Role-LOCAL", ref(context, "Role"));
        assertEquals("arn:aws:iam::123456789012:role/stack-Role-LOCAL", getAtt(context, "Role", "Arn"));
        assertEquals("arn:aws:iam::123456789012:role/app/worker", getAtt(context, "Named", "Arn"));
        String roleId = getAtt(context, "Role", "RoleId");
        assertMatches("AROA[A-Z0-9]{17}", roleId);
        assertEquals(roleId, getAtt(context(roles), "Role", "RoleId"), "the same in every run");
        assertFalse(roleId.equals(getAtt(context, "Named", "RoleId")));
    }

    @Test
    void samGeneratedRole_ofAFunctionWithoutRole_hasARoleName_andArn_asCloudFormationNamesIt() {
        TemplateContext context = context("""
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Worker::handleRequest
                  Assumed:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Assumed::handleRequest
                      Role: arn:aws:iam::123456789012:role/given
                """);

        assertEquals("stack-WorkerRole-LOCAL", ref(context, "WorkerRole"));
        assertEquals("arn:aws:iam::123456789012:role/stack-WorkerRole-LOCAL", getAtt(context, "WorkerRole", "Arn"));
        assertEquals("WorkerRole.RoleId-LOCAL", getAtt(context, "WorkerRole", "RoleId"));
        assertThrows(TemplateProblem.class, () -> getAtt(context, "WorkerRole", "Name"));
        // SAM makes no role for a function that names its own.
        assertThrows(TemplateProblem.class, () -> getAtt(context, "AssumedRole", "Arn"));
        assertThrows(TemplateProblem.class, () -> ref(context, "AssumedRole"));
    }

    // ---------------------------------------------------------------- Step Functions

    @Test
    void stateMachine_refIsItsArn_unnamedOnesNamedByLogicalIdAlone_likeCloudFormation() {
        TemplateContext context = context("""
                  Machine:
                    Type: AWS::StepFunctions::StateMachine
                  Named:
                    Type: AWS::StepFunctions::StateMachine
                    Properties:
                      StateMachineName: orders
                  SamMachine:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Name: sam-orders
                """);

        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:Machine-LOCAL", ref(context, "Machine"));
        assertEquals(ref(context, "Machine"), getAtt(context, "Machine", "Arn"));
        assertEquals("Machine-LOCAL", getAtt(context, "Machine", "Name"));
        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:orders", ref(context, "Named"));
        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:sam-orders", ref(context, "SamMachine"));
        assertEquals("sam-orders", getAtt(context, "SamMachine", "Name"));
    }

    // ---------------------------------------------------------------- EventBridge, Kinesis

    @Test
    void eventBus_refIsItsName_withArnAndName() {
        TemplateContext context = context("""
                  Bus:
                    Type: AWS::Events::EventBus
                    Properties:
                      Name: orders-bus
                """);

        assertEquals("orders-bus", ref(context, "Bus"));
        assertEquals("arn:aws:events:us-east-1:123456789012:event-bus/orders-bus", getAtt(context, "Bus", "Arn"));
        assertEquals("orders-bus", getAtt(context, "Bus", "Name"));
    }

    @Test
    void eventBus_withoutName_isRefusedAsCloudFormationRequiresIt() {
        problem(() -> ref(context("""
                  Bus:
                    Type: AWS::Events::EventBus
                """), "Bus"), "Resources.Bus.Properties", "Name is missing");
    }

    @Test
    void stream_refIsItsName_withArn() {
        TemplateContext context = context("""
                  Stream:
                    Type: AWS::Kinesis::Stream
                """);

        assertEquals("stack-Stream-LOCAL", ref(context, "Stream"));
        assertEquals("arn:aws:kinesis:us-east-1:123456789012:stream/stack-Stream-LOCAL",
                getAtt(context, "Stream", "Arn"));
    }

    // ---------------------------------------------------------------- Secrets Manager, SSM, KMS

    @Test
    void secret_refAndIdAreItsArn_endingInAHyphenAndSixCharacters() {
        TemplateContext context = context("""
                  Secret:
                    Type: AWS::SecretsManager::Secret
                    Properties:
                      Name: app/db
                """);

        String arn = ref(context, "Secret");
        assertMatches("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-[A-Za-z0-9]{6}", arn);
        assertEquals(arn, getAtt(context, "Secret", "Id"));
    }

    @Test
    void ssmParameter_refIsItsName_typeAndValueAreItsProperties() {
        TemplateContext context = context(QUEUE + """
                  Param:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Type: String
                      Value: !GetAtt Queue.QueueName
                """);

        assertEquals("stack-Param-LOCAL", ref(context, "Param"));
        assertEquals("String", getAtt(context, "Param", "Type"));
        assertEquals("stack-Queue-LOCAL", getAtt(context, "Param", "Value"));
    }

    @Test
    void kmsKey_refAndKeyIdAreAKeyId_arnEndsInIt() {
        TemplateContext context = context("""
                  Key:
                    Type: AWS::KMS::Key
                """);

        String keyId = ref(context, "Key");
        assertMatches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", keyId);
        assertEquals(keyId, getAtt(context, "Key", "KeyId"));
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/" + keyId, getAtt(context, "Key", "Arn"));
    }

    // ---------------------------------------------------------------- Cognito

    @Test
    void userPool_refIsAPoolId_withArnProviderNameAndUrl() {
        TemplateContext context = context("""
                  Pool:
                    Type: AWS::Cognito::UserPool
                """);

        String id = ref(context, "Pool");
        assertMatches("us-east-1_[A-Za-z0-9]{9}", id);
        assertEquals(id, getAtt(context, "Pool", "UserPoolId"));
        assertEquals("arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + id, getAtt(context, "Pool", "Arn"));
        assertEquals("cognito-idp.us-east-1.amazonaws.com/" + id, getAtt(context, "Pool", "ProviderName"));
        assertEquals("https://cognito-idp.us-east-1.amazonaws.com/" + id, getAtt(context, "Pool", "ProviderURL"));
    }

    @Test
    void userPoolClient_refIsAClientId_nameItsClientName_secretAPlaceholder() {
        TemplateContext context = context("""
                  Client:
                    Type: AWS::Cognito::UserPoolClient
                    Properties:
                      ClientName: web
                """);

        String id = ref(context, "Client");
        assertMatches("[a-z0-9]{26}", id);
        assertEquals(id, getAtt(context, "Client", "ClientId"));
        assertEquals("web", getAtt(context, "Client", "Name"));
        assertEquals("Client.ClientSecret-LOCAL", getAtt(context, "Client", "ClientSecret"));
    }

    // ---------------------------------------------------------------- types without a table, modelled types

    private static final String CUSTOM = """
              Thing:
                Type: Custom::Thing
                Properties:
                  ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:maker
            """;

    @Test
    void getAtt_ofATypeWithoutATable_isAPlaceholder_listedOnceInOneNote() {
        TemplateContext context = context(CUSTOM);

        assertEquals("Thing.Endpoint-LOCAL", context.resolveString(Map.of("Fn::GetAtt", List.of("Thing", "Endpoint")),
                "Resources.Fn.Properties.Environment.Variables.THING_URL"));
        context.resolveString(Map.of("Fn::GetAtt", List.of("Thing", "Endpoint")),
                "Resources.Fn.Properties.Environment.Variables.THING_URL");
        context.resolveString(Map.of("Fn::Sub", "https://${Thing.Host}/x"),
                "Resources.Fn.Properties.Environment.Variables.HOST");

        assertEquals(List.of("Fn Environment THING_URL is GetAtt Thing.Endpoint (Custom::Thing), which ws-local cannot "
                + "know: it gets \"Thing.Endpoint-LOCAL\"; Fn Environment HOST is GetAtt Thing.Host (Custom::Thing), "
                + "which ws-local cannot know: it gets \"Thing.Host-LOCAL\". Set each with a parameter if the function "
                + "needs a real value"), placeholders.notes());
    }

    @Test
    void ref_ofATypeWithoutATable_isItsLogicalId_withoutANote() {
        assertEquals("Thing", ref(context(CUSTOM), "Thing"));
        assertTrue(placeholders.notes().isEmpty());
    }

    @Test
    void getAtt_ofAnAttributeATableDoesNotHave_isRefusedNamingThoseItHas() {
        problem(() -> getAtt(context("""
                  Table:
                    Type: AWS::DynamoDB::Table
                """), "Table", "TableName"), "GetAtt Table.TableName", "an AWS::DynamoDB::Table has no attribute "
                + "TableName", "use one of Arn, StreamArn");
    }

    @Test
    void getAtt_ofAnApiGatewayResourcesId_isAPlaceholder() {
        TemplateContext context = context("");

        assertEquals("Stage.Id-LOCAL", getAtt(context, "Stage", "Id"));
        assertEquals(1, placeholders.notes().size());
    }
}
