package com.example.wsapi.local.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Ref and GetAtt of resource types ws-local does not run, in the shapes CloudFormation documents for them, so code
 * that reads such a value (a queue URL, a topic ARN) sees one of the right form. Each resource's name is its name
 * property, or the name CloudFormation would generate with a fixed {@code LOCAL} for the random part; ids CloudFormation
 * leaves to the service (a key id, a user pool id) are derived from the stack and logical id, stable across runs.
 * Region, account and partition come from the settings. Besides the documented return values, CloudFormation also
 * returns some types' properties by GetAtt: such an attribute is the property's value where the template sets it.
 * <p>
 * An attribute a known type does not have is refused, naming those it has, as CloudFormation refuses it. A value
 * ws-local cannot know (a type with no table here, a client secret, an unset property) gets a placeholder from
 * {@link LocalPlaceholders}, which the banner lists. Ref of a type with no table is its logical id.
 */
final class OtherResourceValues {

    /** A resource's name, resolved once ({@link LocalResourceValues#name}). */
    interface Names {
        /**
         * @param finish makes the name from the name property (null when absent) and the property's location
         */
        String name(String id, String property, String selfReference, BiFunction<String, String, String> finish);
    }

    /**
     * How Ref and GetAtt of one type are made.
     *
     * @param nameProperty the property naming the resource, or null when it has no name
     * @param generated    its name when the template sets none
     * @param ref          what Ref gives
     * @param attributes   the documented GetAtt attributes; one giving null has no local value
     * @param properties   properties CloudFormation also returns by GetAtt
     */
    private record Kind(String nameProperty, Function<Resource, String> generated, Function<Resource, String> ref,
                        Map<String, Function<Resource, String>> attributes, List<String> properties) {}

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Regions whose S3 website endpoint is {@code s3-website-<region>}; later ones have {@code s3-website.<region>}. */
    private static final Set<String> S3_WEBSITE_DASH_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2",
            "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1", "us-gov-west-1");

    private static final Map<String, Kind> KINDS = kinds();

    private final TemplateContext context;
    private final Names names;
    private final LocalPlaceholders placeholders;
    private final Set<String> valuesInProgress = new HashSet<>();

    OtherResourceValues(TemplateContext context, Names names, LocalPlaceholders placeholders) {
        this.context = context;
        this.names = names;
        this.placeholders = placeholders;
    }

    /** Ref of a resource of {@code type}: its documented value, or its logical id for a type with no table here. */
    Object ref(String id, String type) {
        Kind kind = KINDS.get(type);
        return kind == null ? id : kind.ref().apply(new Resource(id, type, kind));
    }

    /** GetAtt of a resource of {@code type}: its documented value, a placeholder where unknown, refused where absent. */
    Object getAtt(String id, String type, String attribute, String location) {
        Kind kind = KINDS.get(type);
        if (kind == null) {
            return placeholders.placeholder(id, attribute, type, location);
        }
        Function<Resource, String> value = kind.attributes().get(attribute);
        String known;
        if (value != null) {
            known = value.apply(new Resource(id, type, kind));
        } else if (kind.properties().contains(attribute)) {
            known = new Resource(id, type, kind).scalarProperty(attribute);
        } else {
            throw unknownAttribute(id, type, attribute, List.copyOf(kind.attributes().keySet()), kind.properties(),
                    location);
        }
        return known != null ? known : placeholders.placeholder(id, attribute, type, location);
    }

    /** CloudFormation's refusal of an attribute the type does not have. */
    static TemplateProblem unknownAttribute(String id, String type, String attribute, List<String> attributes,
                                            List<String> properties, String location) {
        return new TemplateProblem(location, "GetAtt " + id + "." + attribute + ": an " + type + " has no attribute "
                + attribute + " (CloudFormation refuses it): use " + (attributes.size() == 1 ? "" : "one of ")
                + String.join(", ", attributes) + (properties.isEmpty() ? ""
                : ", or one of the properties CloudFormation also returns: " + String.join(", ", properties)));
    }

    /** One resource as its kind's functions see it. */
    private final class Resource {

        private final String id;
        private final String type;
        private final Kind kind;

        Resource(String id, String type, Kind kind) {
            this.id = id;
            this.type = type;
            this.kind = kind;
        }

        String name() {
            return names.name(id, kind.nameProperty(), "the name of the " + type + " refers to the resource itself: "
                    + "write the name without Ref or GetAtt of it", (name, at) -> name != null ? name
                    : kind.generated().apply(this));
        }

        /** CloudFormation's generated name, {@code <stack>-<logical id>-<random>}, with LOCAL for the random part. */
        String stackName() {
            return context.settings().stackName() + "-" + id + "-LOCAL";
        }

        String region() {
            return context.settings().region();
        }

        String account() {
            return context.settings().accountId();
        }

        String partition() {
            return PseudoParameters.partition(region());
        }

        String urlSuffix() {
            return PseudoParameters.urlSuffix(region());
        }

        /** {@code arn:<partition>:<service>:<region>:<account>:<rest>}. */
        String arn(String service, String rest) {
            return "arn:" + partition() + ":" + service + ":" + region() + ":" + account() + ":" + rest;
        }

        /** A property resolved to text when it is a scalar; null when absent or not a scalar. */
        String scalarProperty(String property) {
            String at = "Resources." + id + ".Properties." + property;
            if (!valuesInProgress.add(at)) {
                throw new TemplateProblem(at, "the value refers to itself: write it without GetAtt of " + id);
            }
            Object value = context.resolve(context.properties(id).get(property), at);
            valuesInProgress.remove(at);
            return value instanceof String || value instanceof Number || value instanceof Boolean
                    ? Intrinsics.text(value, at) : null;
        }

        boolean isTrue(String property) {
            return "true".equalsIgnoreCase(scalarProperty(property));
        }

        /** {@code length} characters of {@code alphabet} derived from the stack and logical id: stable across runs. */
        String stable(String alphabet, int length) {
            byte[] digest = sha256(context.settings().stackName() + "/" + id + "/" + alphabet.length());
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
                out.append(alphabet.charAt((digest[i % digest.length] & 0xff) % alphabet.length()));
            }
            return out.toString();
        }

        String uuid() {
            return UUID.nameUUIDFromBytes((context.settings().stackName() + "/" + id).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, Kind> kinds() {
        Map<String, Kind> kinds = new LinkedHashMap<>();

        Function<Resource, String> queueUrl = r -> "https://sqs." + r.region() + "." + r.urlSuffix() + "/" + r.account()
                + "/" + r.name();
        // A FIFO queue's name must end in .fifo: CloudFormation's generated name does.
        kinds.put("AWS::SQS::Queue", new Kind("QueueName",
                r -> r.stackName() + (r.isTrue("FifoQueue") ? ".fifo" : ""), queueUrl, attributes(
                at("Arn", r -> r.arn("sqs", r.name())),
                at("QueueName", Resource::name),
                at("QueueUrl", queueUrl)),
                List.of("ContentBasedDeduplication", "DeduplicationScope", "DelaySeconds", "FifoQueue",
                        "FifoThroughputLimit", "KmsDataKeyReusePeriodSeconds", "KmsMasterKeyId", "MaximumMessageSize",
                        "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "SqsManagedSseEnabled",
                        "VisibilityTimeout")));

        Function<Resource, String> topicArn = r -> r.arn("sns", r.name());
        kinds.put("AWS::SNS::Topic", new Kind("TopicName",
                r -> r.stackName() + (r.isTrue("FifoTopic") ? ".fifo" : ""), topicArn, attributes(
                at("TopicArn", topicArn),
                at("TopicName", Resource::name)),
                List.of("ContentBasedDeduplication", "DisplayName", "FifoThroughputScope", "FifoTopic",
                        "KmsMasterKeyId", "SignatureVersion", "TracingConfig")));

        // A bucket name is lowercase: CloudFormation lowercases the one it generates.
        kinds.put("AWS::S3::Bucket", new Kind("BucketName", r -> r.stackName().toLowerCase(Locale.ROOT),
                Resource::name, attributes(
                at("Arn", r -> "arn:" + r.partition() + ":s3:::" + r.name()),
                at("DomainName", r -> r.name() + ".s3." + r.urlSuffix()),
                at("DualStackDomainName", r -> r.name() + ".s3.dualstack." + r.region() + "." + r.urlSuffix()),
                at("RegionalDomainName", r -> r.name() + ".s3." + r.region() + "." + r.urlSuffix()),
                at("WebsiteURL", r -> "http://" + r.name() + ".s3-website"
                        + (S3_WEBSITE_DASH_REGIONS.contains(r.region()) ? "-" : ".") + r.region() + "." + r.urlSuffix())),
                List.of()));

        // IAM is global: its ARNs have no region. A role's unique id starts with AROA.
        kinds.put("AWS::IAM::Role", new Kind("RoleName", Resource::stackName, Resource::name, attributes(
                at("Arn", r -> "arn:" + r.partition() + ":iam::" + r.account() + ":role" + rolePath(r) + r.name()),
                at("RoleId", r -> "AROA" + r.stable(UPPER_ALPHANUMERIC, 17))),
                List.of()));

        // CloudFormation names an unnamed state machine <logical id>-<random>, without the stack's name.
        Function<Resource, String> stateMachineArn = r -> r.arn("states", "stateMachine:" + r.name());
        Map<String, Function<Resource, String>> stateMachine = attributes(
                at("Arn", stateMachineArn),
                at("Name", Resource::name),
                at("StateMachineRevisionId", r -> null));
        kinds.put("AWS::StepFunctions::StateMachine", new Kind("StateMachineName", r -> r.id + "-LOCAL",
                stateMachineArn, stateMachine, List.of()));
        Map<String, Function<Resource, String>> samStateMachine = new LinkedHashMap<>(stateMachine);
        samStateMachine.remove("StateMachineRevisionId");
        kinds.put("AWS::Serverless::StateMachine", new Kind("Name", r -> r.id + "-LOCAL", stateMachineArn,
                samStateMachine, List.of()));

        kinds.put("AWS::Events::EventBus", new Kind("Name", r -> {
            throw new TemplateProblem("Resources." + r.id + ".Properties", "Name is missing: an event bus needs a Name "
                    + "(CloudFormation requires one)");
        }, Resource::name, attributes(
                at("Arn", r -> r.arn("events", "event-bus/" + r.name())),
                at("Name", Resource::name)),
                List.of("Description", "EventSourceName", "KmsKeyIdentifier", "Policy")));

        kinds.put("AWS::Kinesis::Stream", new Kind("Name", Resource::stackName, Resource::name, attributes(
                at("Arn", r -> r.arn("kinesis", "stream/" + r.name())),
                at("WarmThroughputObject", r -> null)),
                List.of()));

        // Secrets Manager ends a secret's ARN with a hyphen and six random characters.
        Function<Resource, String> secretArn = r -> r.arn("secretsmanager", "secret:" + r.name() + "-"
                + r.stable(ALPHANUMERIC, 6));
        kinds.put("AWS::SecretsManager::Secret", new Kind("Name", Resource::stackName, secretArn, attributes(
                at("Id", secretArn)),
                List.of()));

        kinds.put("AWS::SSM::Parameter", new Kind("Name", Resource::stackName, Resource::name, attributes(
                at("Type", r -> r.scalarProperty("Type")),
                at("Value", r -> r.scalarProperty("Value")),
                at("Name", Resource::name)),
                List.of("AllowedPattern", "DataType", "Description", "Tier")));

        kinds.put("AWS::KMS::Key", new Kind(null, null, Resource::uuid, attributes(
                at("Arn", r -> r.arn("kms", "key/" + r.uuid())),
                at("KeyId", Resource::uuid)),
                List.of()));

        // A user pool id is <region>_<nine letters and digits>.
        Function<Resource, String> userPoolId = r -> r.region() + "_" + r.stable(ALPHANUMERIC, 9);
        kinds.put("AWS::Cognito::UserPool", new Kind(null, null, userPoolId, attributes(
                at("Arn", r -> r.arn("cognito-idp", "userpool/" + userPoolId.apply(r))),
                at("ProviderName", r -> "cognito-idp." + r.region() + "." + r.urlSuffix() + "/" + userPoolId.apply(r)),
                at("ProviderURL", r -> "https://cognito-idp." + r.region() + "." + r.urlSuffix() + "/"
                        + userPoolId.apply(r)),
                at("UserPoolId", userPoolId)),
                List.of()));

        // A client id is 26 lowercase letters and digits; its secret only Cognito knows.
        Function<Resource, String> clientId = r -> r.stable(LOWER_ALPHANUMERIC, 26);
        kinds.put("AWS::Cognito::UserPoolClient", new Kind(null, null, clientId, attributes(
                at("ClientId", clientId),
                at("Name", r -> r.scalarProperty("ClientName")),
                at("ClientSecret", r -> null)),
                List.of()));

        return Map.copyOf(kinds);
    }

    /** A role's Path, {@code /} by default. */
    private static String rolePath(Resource role) {
        String path = role.scalarProperty("Path");
        return path == null ? "/" : path;
    }

    private static Map.Entry<String, Function<Resource, String>> at(String name, Function<Resource, String> value) {
        return Map.entry(name, value);
    }

    /** Attributes by name, in the order given (the order a refusal lists them). */
    @SafeVarargs
    private static Map<String, Function<Resource, String>> attributes(
            Map.Entry<String, Function<Resource, String>>... attributes) {
        Map<String, Function<Resource, String>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Resource, String>> attribute : attributes) {
            byName.put(attribute.getKey(), attribute.getValue());
        }
        return byName;
    }
}
