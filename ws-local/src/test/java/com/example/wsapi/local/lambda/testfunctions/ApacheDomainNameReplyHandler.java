package com.example.wsapi.local.lambda.testfunctions;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * {@link DomainNameReplyHandler} with the SDK's Apache client, the default sync client of most projects (the service
 * artifacts bring it): it reads {@code http.proxyHost} only, and tunnels HTTPS through that proxy.
 */
public class ApacheDomainNameReplyHandler extends DomainNameReplyHandler {

    @Override
    protected SdkHttpClient httpClient() {
        return ApacheHttpClient.create();
    }

    @Override
    protected String who() {
        return "apache client ";
    }
}
