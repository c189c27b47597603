package com.example.wsapi.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.wsapi.authorizer.testing.TestIssuer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizerPrimingTest {

    @Test
    void priming_allowsTokensOfItsThrowawayKeys_withRs256AndEs256_andFetchesNothing() throws Exception {
        try (TestIssuer issuer = TestIssuer.start()) {
            AuthorizerPriming priming = AuthorizerPriming.register(new AuthSettings(issuer.url(), "app"));

            List<String> answers = priming.prime();

            assertEquals(2, answers.size());
            for (String answer : answers) {
                JsonObject json = JsonParser.parseString(answer).getAsJsonObject();
                assertEquals("priming", json.get("principalId").getAsString());
                assertEquals("Allow", json.getAsJsonObject("policyDocument").getAsJsonArray("Statement").get(0)
                        .getAsJsonObject().get("Effect").getAsString());
            }
            assertEquals(0, issuer.discoveryFetches() + issuer.keyFetches(), "priming must not touch the network");
        }
    }
}
