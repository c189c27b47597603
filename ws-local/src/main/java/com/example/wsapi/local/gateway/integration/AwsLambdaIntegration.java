package com.example.wsapi.local.gateway.integration;

import com.example.wsapi.local.vtl.MappingInput;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code AWS} calling a Lambda function (non-proxy): the rendered request template is the function's event. On a
 * two-way route a success takes the {@code $default} integration response and a function error the one whose
 * {@code /regex/} key matches its {@code errorMessage} (else {@code $default}); the response template renders the
 * reply from the function's result or error document.
 */
final class AwsLambdaIntegration implements Integration {

    private final FunctionInvoker invoker;
    private final String function;
    private final RequestMapping requestMapping;
    private final ResponseMapping responseMapping;
    private final ApiStage api;
    private final Duration timeout;

    AwsLambdaIntegration(FunctionInvoker invoker, String function, RequestMapping requestMapping,
                         ResponseMapping responseMapping, ApiStage api, Duration timeout) {
        this.invoker = invoker;
        this.function = function;
        this.requestMapping = requestMapping;
        this.responseMapping = responseMapping;
        this.api = api;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<IntegrationAnswer> call(IntegrationRequest request) {
        String event;
        try {
            event = requestMapping.body(request, MappingContext.input(request, api, request.body(), ""));
        } catch (IntegrationFailure e) {
            return CompletableFuture.completedFuture(new IntegrationAnswer.Failed(e.getMessage()));
        }
        // Unconfirmed: an event without a body and without a template invokes the function with an empty object.
        String payload = event == null || event.isEmpty() ? "{}" : event;
        return Deadline.answer(() -> invoker.invoke(function, payload), timeout, request.loop(), function,
                // Unconfirmed: a success takes the $default response; /regex/ keys are for errorMessage only.
                result -> request.twoWay()
                        ? reply(request, null, result, "ok")
                        : new IntegrationAnswer.Answered(200, null, null, "ok"),
                failure -> {
                    if (!(failure instanceof FunctionError error) || !request.twoWay()) {
                        // $connect is refused (unconfirmed), a one-way route gets the error frame, as for AWS_PROXY;
                        // a throttled invoke is no function error: no integration response pattern sees it.
                        return InvokeThrottled.failed(failure);
                    }
                    return reply(request, error.errorMessage(), error.errorJson(),
                            "function failed: " + Deadline.rootMessage(failure));
                });
    }

    /** The reply of a two-way route: the integration response the answer selects, rendered. */
    private IntegrationAnswer reply(IntegrationRequest request, String errorMessage, String body, String detail) {
        MappingInput input = MappingContext.input(request, api, body, "200");
        return new IntegrationAnswer.Answered(200, null,
                responseMapping.reply(errorMessage, input, null, 200, request.body()), detail);
    }
}
