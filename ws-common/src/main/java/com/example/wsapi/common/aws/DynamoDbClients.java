package com.example.wsapi.common.aws;

import com.example.wsapi.common.AppConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client of this JVM. Its endpoint follows the SDK's own configuration, so
 * {@code AWS_ENDPOINT_URL_DYNAMODB} points it at DynamoDB Local with no code change; {@code DYNAMODB_ENDPOINT}
 * does the same where only template-declared variables can be set (sam local).
 */
public final class DynamoDbClients {

    private DynamoDbClients() {}

    public static DynamoDbClient shared() {
        return Shared.CLIENT;
    }

    public static DynamoDbClient create(AppConfig config) {
        return create(config, SdkClients.credentials());
    }

    /** A client with other credentials than a function's (the HTTP backend runs outside Lambda). */
    public static DynamoDbClient create(AppConfig config, AwsCredentialsProvider credentials) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(SdkClients.region(config.region()))
                .credentialsProvider(credentials)
                .httpClient(SdkClients.httpClient(config.dynamoDbTarget()))
                .overrideConfiguration(SdkClients.overrides());
        if (config.dynamoDbEndpoint() != null) {
            builder.endpointOverride(config.dynamoDbEndpoint());
        }
        return builder.build();
    }

    private static final class Shared {
        static final DynamoDbClient CLIENT = create(AppConfig.fromEnvironment());
    }
}
