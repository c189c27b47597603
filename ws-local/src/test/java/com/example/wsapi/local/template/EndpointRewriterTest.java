package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API's URLs in function environment values: {@code https://} ones go to the local gateway, {@code wss://} ones
 * (ApiEndpoint's) keep the API's host for the functions' proxy; both follow the served stage.
 */
class EndpointRewriterTest {

    static final String API_ID = "abcde12345";
    /** The template's stage is dev; ws-local serves prod (--stage prod). */
    static final EndpointRewriter REWRITER = new EndpointRewriter(API_ID, Set.of("dev"), "prod",
            TemplateFixture.settings(null));

    @Test
    void httpsUrl_becomesTheLocalGateway_withTheServedStage() {
        assertEquals("http://127.0.0.1:3001/prod",
                REWRITER.toLocal("https://" + API_ID + ".execute-api.us-east-1.amazonaws.com/dev"));
    }

    @Test
    void wssUrl_keepsItsSchemeAndTheApisHost_withTheServedStage() {
        assertEquals("wss://" + API_ID + ".execute-api.us-east-1.amazonaws.com/prod",
                REWRITER.toLocal("wss://" + API_ID + ".execute-api.us-east-1.amazonaws.com/dev"));
    }

    @Test
    void wssUrlWithoutStage_asApiEndpointGivesIt_isLeftAsItIs() {
        String apiEndpoint = "wss://" + API_ID + ".execute-api.us-east-1.amazonaws.com";

        assertEquals(apiEndpoint, REWRITER.toLocal(apiEndpoint));
    }

    @Test
    void wssUrlNamingAnotherRegion_getsTheHostOfTheRegionServed_whichTheProxyAnswers() {
        assertEquals("wss://" + API_ID + ".execute-api.us-east-1.amazonaws.com/prod/x",
                REWRITER.toLocal("wss://" + API_ID + ".execute-api.cn-north-1.amazonaws.com.cn/dev/x"));
    }

    @Test
    void hostWithoutScheme_andAnotherApisUrl_areLeftAsTheyAre() {
        String value = API_ID + ".execute-api.us-east-1.amazonaws.com/dev wss://other12345.execute-api.us-east-1"
                + ".amazonaws.com/dev";

        assertEquals(value, REWRITER.toLocal(value));
    }
}
