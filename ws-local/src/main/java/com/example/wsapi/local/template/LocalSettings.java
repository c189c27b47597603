package com.example.wsapi.local.template;

import java.net.URI;

/**
 * The local values intrinsic functions resolve to.
 *
 * @param region        AWS::Region
 * @param accountId     AWS::AccountId
 * @param stackName     AWS::StackName
 * @param stageOverride the --stage option, or null to keep the template's stage
 * @param localEndpoint where the gateway listens, e.g. {@code http://127.0.0.1:3001}: strings that name the
 *                      API's execute-api host (https or wss) are rewritten to it (http or ws)
 */
public record LocalSettings(String region, String accountId, String stackName, String stageOverride, URI localEndpoint) {}
