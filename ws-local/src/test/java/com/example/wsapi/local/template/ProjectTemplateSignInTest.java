package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * This project's template read both ways: sign-in off by default (no authorizer anywhere), on with AuthIssuer set
 * (the Condition on the Authorizer and its function holds, and $connect's !If picks CUSTOM and the authorizer).
 */
class ProjectTemplateSignInTest {

    static final Path TEMPLATE = Path.of(System.getProperty("project.root"), "template.yaml");
    static final LocalSettings SETTINGS = new LocalSettings("us-east-1", "123456789012", "it", null,
            URI.create("http://127.0.0.1:3001"));

    static Route connect(SamTemplate template) {
        return template.api().routes().stream().filter(r -> r.routeKey().equals("$connect")).findFirst().orElseThrow();
    }

    @Test
    void byDefault_signInIsOff_noAuthorizerAndNoAuthorizerFunction() throws TemplateException {
        SamTemplate template = TemplateLoader.load(TEMPLATE, SETTINGS);

        assertNull(connect(template).authorizer());
        assertFalse(template.functions().containsKey("AuthorizerFunction"));
    }

    @Test
    void withAuthIssuer_connectIsAuthorizedByTheAuthorizerFunction_withNoIdentitySource() throws TemplateException {
        SamTemplate template = TemplateLoader.load(TEMPLATE, SETTINGS, Map.of(
                "AuthIssuer", "http://127.0.0.1:3001/@issuer", "AuthAudience", "ws-local"));

        Authorizer authorizer = connect(template).authorizer();
        assertEquals("AuthorizerFunction", authorizer.functionLogicalId());
        assertEquals(List.of(), authorizer.identitySources(), "the token may come in the query or a header");
        Map<String, String> environment = template.functions().get("AuthorizerFunction").environment();
        assertEquals("http://127.0.0.1:3001/@issuer", environment.get("AUTH_ISSUER"));
        assertEquals("ws-local", environment.get("AUTH_AUDIENCE"));
        template.api().routes().stream().filter(r -> !r.routeKey().equals("$connect"))
                .forEach(route -> assertNull(route.authorizer(), route.routeKey()));
    }

    @Test
    void anIssuerOutsideLoopbackOverPlainHttp_isRefusedByTheParametersPattern() {
        TemplateException refused = assertThrows(TemplateException.class,
                () -> TemplateLoader.load(TEMPLATE, SETTINGS, Map.of("AuthIssuer", "http://login.example/",
                        "AuthAudience", "a")));

        assertTrue(refused.getMessage().contains("AllowedPattern"),
                refused.getMessage());
    }
}
