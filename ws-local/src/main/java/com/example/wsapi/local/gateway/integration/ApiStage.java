package com.example.wsapi.local.gateway.integration;

import java.util.Map;

/**
 * The API and stage every request is served by, as mapping templates and request parameters see them.
 *
 * @param apiId          the API id
 * @param stage          the stage name
 * @param domainName     {@code {apiId}.execute-api.{region}.amazonaws.com}
 * @param stageVariables the stage's variables
 */
public record ApiStage(String apiId, String stage, String domainName, Map<String, String> stageVariables) {

    public ApiStage {
        stageVariables = Map.copyOf(stageVariables);
    }
}
