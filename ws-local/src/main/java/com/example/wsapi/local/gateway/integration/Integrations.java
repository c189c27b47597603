package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.template.IntegrationSpec;

import java.time.Duration;

/** Makes each route's {@link Integration} from the template's {@link IntegrationSpec}: one class per type. */
public final class Integrations {

    private final FunctionInvoker invoker;
    private final Duration maxTimeout;

    /**
     * @param invoker    calls the template's functions
     * @param maxTimeout the gateway's integration timeout: an integration's {@code TimeoutInMillis} can only shorten it
     */
    public Integrations(FunctionInvoker invoker, Duration maxTimeout) {
        this.invoker = invoker;
        this.maxTimeout = maxTimeout;
    }

    /** The integration of this type, with the shorter of its {@code TimeoutInMillis} and the gateway's timeout. */
    public Integration create(IntegrationSpec spec) {
        Duration own = Duration.ofMillis(spec.timeoutMillis());
        Duration timeout = own.compareTo(maxTimeout) < 0 ? own : maxTimeout;
        if (spec instanceof IntegrationSpec.AwsProxy proxy) {
            return new AwsProxyIntegration(invoker, proxy.functionLogicalId(), timeout);
        }
        throw new IllegalArgumentException(spec.type() + " integrations are not served yet");
    }
}
