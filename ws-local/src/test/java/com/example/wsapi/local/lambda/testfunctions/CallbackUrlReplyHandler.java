package com.example.wsapi.local.lambda.testfunctions;

import java.net.URI;
import java.util.Map;

/**
 * {@link DomainNameReplyHandler} posting to the {@code @connections} endpoint in {@code CALLBACK_URL}: a CDK app's
 * {@code WebSocketStage.callbackUrl}, the stage's {@code https://} URL the CDK builds with {@code Fn::Join}.
 */
public class CallbackUrlReplyHandler extends DomainNameReplyHandler {

    @Override
    protected URI endpoint(Map<String, Object> event) {
        return URI.create(System.getenv("CALLBACK_URL"));
    }
}
