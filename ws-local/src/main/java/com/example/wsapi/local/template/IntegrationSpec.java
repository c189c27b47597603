package com.example.wsapi.local.template;

import java.util.List;

/**
 * An {@code AWS::ApiGatewayV2::Integration} as ws-local runs it: one record per {@code IntegrationType}, each with
 * only what that type uses.
 */
public sealed interface IntegrationSpec {

    /** API Gateway's default and largest {@code TimeoutInMillis} for WebSocket APIs. */
    int DEFAULT_TIMEOUT_MILLIS = 29_000;
    /** The smallest {@code TimeoutInMillis} API Gateway accepts. */
    int MIN_TIMEOUT_MILLIS = 50;

    /** The integration's logical id. */
    String logicalId();

    /** {@code TimeoutInMillis}: 50 to 29,000. */
    int timeoutMillis();

    /** The integration's {@code IntegrationType}, e.g. {@code HTTP_PROXY}. */
    String type();

    /** The integrations that call a function of the template. */
    sealed interface CallsFunction extends IntegrationSpec {
        /** The function the integration invokes. */
        String functionLogicalId();

        /**
         * The alias or version its IntegrationUri invokes ({@code live} of {@code ...:function:Echo:live}), null for
         * the function itself: API Gateway needs a permission on that one (ws-local runs the same code either way).
         */
        String functionQualifier();
    }

    /** The integrations that call an HTTP backend. */
    sealed interface CallsHttp extends IntegrationSpec {
        /** {@code IntegrationMethod}, e.g. {@code POST}. */
        String method();

        /** {@code IntegrationUri} with stage variables substituted: an absolute http(s) URL. */
        String uri();

        /** {@code RequestParameters}: headers and query parameters added to the backend request. */
        List<RequestParameter> requestParameters();
    }

    /** {@code AWS_PROXY}: a Lambda proxy integration; the function gets API Gateway's event. */
    record AwsProxy(String logicalId, String functionLogicalId, String functionQualifier, int timeoutMillis)
            implements CallsFunction {

        /** An integration invoking the unqualified function. */
        public AwsProxy(String logicalId, String functionLogicalId, int timeoutMillis) {
            this(logicalId, functionLogicalId, null, timeoutMillis);
        }

        @Override
        public String type() {
            return "AWS_PROXY";
        }
    }

    /**
     * {@code HTTP_PROXY}: the frame goes to the backend as the body, byte for byte.
     *
     * @param responses its integration responses (the backend's body still reaches the client as it is)
     */
    record HttpProxy(String logicalId, String method, String uri, List<RequestParameter> requestParameters,
                     int timeoutMillis, List<IntegrationResponse> responses) implements CallsHttp {
        public HttpProxy {
            requestParameters = List.copyOf(requestParameters);
            responses = List.copyOf(responses);
        }

        @Override
        public String type() {
            return "HTTP_PROXY";
        }
    }

    /** {@code HTTP}: a rendered request template goes to the backend; integration responses map its answer. */
    record Http(String logicalId, String method, String uri, List<RequestParameter> requestParameters,
                RequestTemplates requestTemplates, int timeoutMillis, List<IntegrationResponse> responses)
            implements CallsHttp {
        public Http {
            requestParameters = List.copyOf(requestParameters);
            responses = List.copyOf(responses);
        }

        @Override
        public String type() {
            return "HTTP";
        }
    }

    /** {@code MOCK}: no backend; the request template's {@code statusCode} selects the integration response. */
    record Mock(String logicalId, RequestTemplates requestTemplates, int timeoutMillis,
                List<IntegrationResponse> responses) implements IntegrationSpec {
        public Mock {
            responses = List.copyOf(responses);
        }

        @Override
        public String type() {
            return "MOCK";
        }
    }

    /**
     * {@code AWS} calling a Lambda function (non-proxy): the rendered request template is the function's event, and
     * a function error's {@code errorMessage} selects the integration response.
     */
    record Aws(String logicalId, String functionLogicalId, String functionQualifier, RequestTemplates requestTemplates,
               int timeoutMillis, List<IntegrationResponse> responses) implements CallsFunction {
        public Aws {
            responses = List.copyOf(responses);
        }

        /** An integration invoking the unqualified function. */
        public Aws(String logicalId, String functionLogicalId, RequestTemplates requestTemplates, int timeoutMillis,
                   List<IntegrationResponse> responses) {
            this(logicalId, functionLogicalId, null, requestTemplates, timeoutMillis, responses);
        }

        @Override
        public String type() {
            return "AWS";
        }
    }
}
