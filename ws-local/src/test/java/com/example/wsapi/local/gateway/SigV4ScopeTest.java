package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a SigV4 credential scope, and which scopes API Gateway's {@code @connections} would refuse. */
class SigV4ScopeTest {

    static final String REGION = "eu-west-1";

    static String authorization(String scope) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + scope + ", SignedHeaders=host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    }

    @Test
    void fromAuthorization_readsDateRegionAndService() {
        assertEquals(new SigV4Scope("20240209", "eu-west-1", "execute-api"),
                SigV4Scope.fromAuthorization(authorization("20240209/eu-west-1/execute-api/aws4_request")));
    }

    @Test
    void fromAuthorization_acceptsComponentsWithoutSpacesAndInAnyOrder() {
        assertEquals(new SigV4Scope("20240209", "us-east-1", "apigateway"), SigV4Scope.fromAuthorization(
                "AWS4-HMAC-SHA256 Signature=00,SignedHeaders=host,Credential=AKID/20240209/us-east-1/apigateway/"
                        + "aws4_request"));
    }

    @Test
    void fromAuthorization_ofAnotherScheme_orWithoutItsParts_saysWhatIsWrong_withoutQuotingTheValue() {
        IllegalArgumentException bearer = assertThrows(IllegalArgumentException.class,
                () -> SigV4Scope.fromAuthorization("Bearer secret-token"));
        IllegalArgumentException noSignature = assertThrows(IllegalArgumentException.class,
                () -> SigV4Scope.fromAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20240209/eu-west-1/execute-api/"
                        + "aws4_request, SignedHeaders=host"));
        IllegalArgumentException shortScope = assertThrows(IllegalArgumentException.class,
                () -> SigV4Scope.fromAuthorization(authorization("20240209/execute-api/aws4_request")));
        IllegalArgumentException badDate = assertThrows(IllegalArgumentException.class,
                () -> SigV4Scope.fromAuthorization(authorization("2024-02-09/eu-west-1/execute-api/aws4_request")));

        assertEquals("it does not start with AWS4-HMAC-SHA256", bearer.getMessage());
        assertFalse(bearer.getMessage().contains("secret-token"));
        assertEquals("it lacks Signature=", noSignature.getMessage());
        assertTrue(shortScope.getMessage().startsWith("its credential is not <access key>/<date>/<region>/"),
                shortScope.getMessage());
        assertTrue(badDate.getMessage().contains("a date (yyyyMMdd)"), badDate.getMessage());
    }

    @Test
    void problem_ofARequestSignedForExecuteApiInTheApisRegion_isNone() {
        assertNull(ConnectionsSigning.problem(authorization("20240209/eu-west-1/execute-api/aws4_request"), Map.of(),
                REGION));
        assertNull(ConnectionsSigning.problem(null, Map.of("X-Amz-Signature", List.of("00"), "X-Amz-Credential",
                List.of("AKID/20240209/eu-west-1/execute-api/aws4_request")), REGION));
    }

    @Test
    void problem_ofAnUnsignedRequest_saysSo_andHowToSign() {
        ConnectionsSigning.Problem problem = ConnectionsSigning.problem(null, Map.of("other", List.of("x")), REGION);

        assertEquals("is not signed (no SigV4 Authorization header, no X-Amz-Signature query parameter)",
                problem.what());
        assertTrue(problem.fix().contains("SigV4 for the service execute-api in the API's region (eu-west-1 here)"),
                problem.fix());
    }

    @Test
    void problem_ofAnAuthorizationHeaderThatIsNotSigV4_orAPresignedUrlWithoutCredential_saysWhy() {
        assertEquals("is not signed with SigV4 (the Authorization header is not SigV4's: it does not start with "
                + "AWS4-HMAC-SHA256)", ConnectionsSigning.problem("Bearer t", Map.of(), REGION).what());
        assertEquals("is not signed with SigV4 (the presigned URL is not SigV4's: it has X-Amz-Signature but no "
                + "X-Amz-Credential)", ConnectionsSigning.problem(null, Map.of("X-Amz-Signature", List.of("00")),
                REGION).what());
    }

    @Test
    void problem_ofAScopeForApigateway_namesTheServiceToSignFor() {
        ConnectionsSigning.Problem problem = ConnectionsSigning.problem(
                authorization("20240209/eu-west-1/apigateway/aws4_request"), Map.of(), REGION);

        assertEquals("is signed for the service \"apigateway\", not execute-api", problem.what());
        assertTrue(problem.fix().startsWith("sign @connections requests for the service execute-api"), problem.fix());
    }

    @Test
    void problem_ofAScopeForAnotherRegion_namesBothRegions() {
        ConnectionsSigning.Problem header = ConnectionsSigning.problem(
                authorization("20240209/us-east-1/execute-api/aws4_request"), Map.of(), REGION);
        ConnectionsSigning.Problem presigned = ConnectionsSigning.problem(null, Map.of("X-Amz-Signature",
                List.of("00"), "X-Amz-Credential", List.of("AKID/20240209/us-east-1/execute-api/aws4_request")),
                REGION);

        assertEquals("is signed for the region \"us-east-1\", not eu-west-1 (this API's: ws-local's --region)",
                header.what());
        assertEquals(header, presigned);
        assertTrue(header.fix().contains("--region us-east-1"), header.fix());
    }

    @Test
    void problem_ofAWrongServiceAndRegion_namesTheServiceFirst() {
        assertTrue(ConnectionsSigning.problem(authorization("20240209/us-east-1/apigateway/aws4_request"), Map.of(),
                REGION).what().contains("the service \"apigateway\""));
    }

    @Test
    void client_isTheUserAgentsFirstWord_whichStaysTheSameAcrossAwsCliCalls() {
        assertEquals("\"aws-cli/1.45.11\" (its User-Agent's first word)", ConnectionsSigning.client(
                "aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1 m/Z,b,D,g,N cfg/retry-mode#legacy"));
        assertEquals("a client without User-Agent", ConnectionsSigning.client(null));
        assertEquals("a client without User-Agent", ConnectionsSigning.client("  "));
    }
}
