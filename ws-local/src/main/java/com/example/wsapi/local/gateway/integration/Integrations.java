package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.template.IntegrationSpec;
import com.example.wsapi.local.template.RequestTemplates;
import com.example.wsapi.local.vtl.MappingTemplates;

import java.time.Duration;

/**
 * Makes each route's {@link Integration} from the template's {@link IntegrationSpec}, one class per type:
 * {@code AWS_PROXY} {@link AwsProxyIntegration}, {@code HTTP_PROXY} {@link HttpProxyIntegration}, {@code HTTP}
 * {@link HttpIntegration}, {@code MOCK} {@link MockIntegration}, {@code AWS} {@link AwsLambdaIntegration}.
 */
public final class Integrations {

    private final FunctionInvoker invoker;
    private final BackendHttpClient http;
    private final MappingTemplates mappingTemplates;
    private final ApiStage api;
    private final Duration maxTimeout;

    /**
     * @param invoker          calls the template's functions
     * @param http             calls HTTP backends
     * @param mappingTemplates renders request and response templates
     * @param api              the API and stage requests are served by
     * @param maxTimeout       the gateway's integration timeout: an integration's {@code TimeoutInMillis} can only
     *                         shorten it
     */
    public Integrations(FunctionInvoker invoker, BackendHttpClient http, MappingTemplates mappingTemplates, ApiStage api,
                        Duration maxTimeout) {
        this.invoker = invoker;
        this.http = http;
        this.mappingTemplates = mappingTemplates;
        this.api = api;
        this.maxTimeout = maxTimeout;
    }

    /** The integration of this type, with the shorter of its {@code TimeoutInMillis} and the gateway's timeout. */
    public Integration create(IntegrationSpec spec) {
        Duration own = Duration.ofMillis(spec.timeoutMillis());
        Duration timeout = own.compareTo(maxTimeout) < 0 ? own : maxTimeout;
        if (spec instanceof IntegrationSpec.AwsProxy proxy) {
            return new AwsProxyIntegration(invoker, proxy.functionLogicalId(), timeout);
        }
        if (spec instanceof IntegrationSpec.HttpProxy proxy) {
            return new HttpProxyIntegration(new HttpBackend(http, proxy.method(), proxy.uri(),
                    proxy.requestParameters(), api, timeout), api);
        }
        if (spec instanceof IntegrationSpec.Http backend) {
            return new HttpIntegration(new HttpBackend(http, backend.method(), backend.uri(),
                    backend.requestParameters(), api, timeout), requestMapping(spec, backend.requestTemplates()),
                    new ResponseMapping(backend.responses(), mappingTemplates), api);
        }
        if (spec instanceof IntegrationSpec.Mock mock) {
            return new MockIntegration(mock.logicalId(), requestMapping(spec, mock.requestTemplates()),
                    new ResponseMapping(mock.responses(), mappingTemplates), api);
        }
        IntegrationSpec.Aws aws = (IntegrationSpec.Aws) spec;
        return new AwsLambdaIntegration(invoker, aws.functionLogicalId(), requestMapping(spec, aws.requestTemplates()),
                new ResponseMapping(aws.responses(), mappingTemplates), api, timeout);
    }

    private RequestMapping requestMapping(IntegrationSpec spec, RequestTemplates templates) {
        return new RequestMapping(spec.logicalId(), templates, mappingTemplates);
    }
}
