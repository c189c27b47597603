package com.example.wsapi.common.connections;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * A call to the connection table failed (after the SDK's own retries). The message names the operation, the table,
 * the endpoint and the cause in words a person can act on, and nothing a client sent: it is what the handlers log.
 * Causes are told apart by error code, HTTP status and the JDK's network exceptions, not by the SDK's exception
 * classes, so that no function artifact grows by them (SendMessage has a few KB left under 4 MB).
 */
public final class StoreFailedException extends RuntimeException {

    private StoreFailedException(String message, SdkException cause) {
        super(message, cause);
    }

    /**
     * @param operation the DynamoDB operation (PutItem, Query, ...)
     * @param table     the table it addressed
     * @param endpoint  where the client sends its requests (see {@code AppConfig#dynamoDbEndpointForLogs})
     */
    public static StoreFailedException of(String operation, String table, String endpoint, SdkException e) {
        return new StoreFailedException(operation + " on table " + table + " at " + endpoint + " failed: "
                + cause(e), e);
    }

    /** The cause in a few words, with the error code and HTTP status (or the network exception) in brackets. */
    static String cause(SdkException e) {
        if (e instanceof SdkServiceException service) {
            String code = errorCode(service);
            String detail = " (" + code + ", HTTP " + service.statusCode() + ")";
            if (code.equals("ResourceNotFoundException")) {
                return "the table does not exist there" + detail;
            }
            if (service.isThrottlingException()) {
                return "throttled through every retry" + detail;
            }
            if (code.equals("UnrecognizedClientException") || code.equals("InvalidSignatureException")
                    || code.equals("ExpiredTokenException") || code.equals("MissingAuthenticationTokenException")) {
                return "the credentials were rejected" + detail;
            }
            if (code.equals("AccessDeniedException") || service.statusCode() == 403) {
                return "access denied: the function's role lacks the permission" + detail;
            }
            if (service.statusCode() >= 500) {
                return "DynamoDB failed on its side" + detail;
            }
            // DynamoDB's own text says what was invalid; it names parameters, never item values.
            return "the request was refused" + detail + ": " + serviceMessage(service);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return "no answer in time (" + rootCause(e) + ")";
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // Refused, no route, reset: all SocketExceptions; an unknown host is none.
            if (cause instanceof SocketException || cause instanceof UnknownHostException) {
                return "the endpoint is unreachable (" + rootCause(e) + ")";
            }
            if (cause instanceof SocketTimeoutException) {
                return "no answer in time (" + rootCause(e) + ")";
            }
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String errorCode(SdkServiceException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    private static String serviceMessage(SdkServiceException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorMessage() != null) {
            return aws.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** The innermost cause as {@code Type: message}, e.g. {@code ConnectException: Connection refused}. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
