package com.example.wsapi.local.template;

import java.net.URI;

/**
 * The local values intrinsic functions resolve to, and which API and stage of the template ws-local serves.
 *
 * @param region           AWS::Region
 * @param accountId        AWS::AccountId
 * @param stackName        AWS::StackName
 * @param stageOverride    the --stage option, or null to keep the template's stage
 * @param localEndpoint    where the gateway listens, e.g. {@code http://127.0.0.1:3001}: {@code https://} URLs of the
 *                         API's execute-api host are rewritten to it ({@code wss://} ones are left to the proxy)
 * @param api              the --api option: the logical id of the WebSocket API to serve, or null for the template's
 *                         one
 * @param dynamoDbEndpoint where the tables live, e.g. {@code http://127.0.0.1:8000}, for the note on serving another
 *                         API beside this one (with the same tables); null when not known
 * @param dynamoDbGiven    whether that is a DynamoDB already running ({@code --dynamodb-endpoint}), not ws-local's own
 */
public record LocalSettings(String region, String accountId, String stackName, String stageOverride, URI localEndpoint,
                            String api, URI dynamoDbEndpoint, boolean dynamoDbGiven) {

    /** Where the tables live not known. */
    public LocalSettings(String region, String accountId, String stackName, String stageOverride, URI localEndpoint,
                         String api) {
        this(region, accountId, stackName, stageOverride, localEndpoint, api, null, false);
    }

    /** The template's one WebSocket API. */
    public LocalSettings(String region, String accountId, String stackName, String stageOverride, URI localEndpoint) {
        this(region, accountId, stackName, stageOverride, localEndpoint, null);
    }
}
