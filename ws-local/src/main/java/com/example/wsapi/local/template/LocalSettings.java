package com.example.wsapi.local.template;

import java.net.URI;

/**
 * The local values intrinsic functions resolve to.
 *
 * @param region        AWS::Region
 * @param accountId     AWS::AccountId
 * @param stackName     AWS::StackName
 * @param stageOverride the --stage option, or null to keep the template's stage
 * @param localEndpoint where the gateway listens, e.g. {@code http://127.0.0.1:3001}: {@code https://} URLs of the
 *                      API's execute-api host are rewritten to it ({@code wss://} ones are left to the proxy)
 */
public record LocalSettings(String region, String accountId, String stackName, String stageOverride, URI localEndpoint) {}
