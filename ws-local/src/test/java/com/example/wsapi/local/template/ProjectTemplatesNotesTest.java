package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * This project's templates pass every check ws-local makes at start: the banner gets no note (a function API Gateway
 * may not invoke, an ApiId of another API, a stage nothing deploys...), which would tell users of a sound template to
 * change it.
 */
class ProjectTemplatesNotesTest {

    private static final Path HTTP_BACKEND = Path.of(System.getProperty("project.root"), "http-backend",
            "template.yaml");

    @Test
    void projectTemplate_withOrWithoutSignIn_givesNoNote() throws TemplateException {
        assertEquals(List.of(), TemplateLoader.load(ProjectTemplateSignInTest.TEMPLATE,
                ProjectTemplateSignInTest.SETTINGS).notes());
        assertEquals(List.of(), TemplateLoader.load(ProjectTemplateSignInTest.TEMPLATE,
                ProjectTemplateSignInTest.SETTINGS, Map.of("AuthIssuer", "http://127.0.0.1:3001/@issuer",
                        "AuthAudience", "ws-local")).notes());
    }

    @Test
    void httpBackendTemplate_withItsBackendsUrl_givesNoNote() throws TemplateException {
        assertEquals(List.of(), TemplateLoader.load(HTTP_BACKEND, ProjectTemplateSignInTest.SETTINGS,
                Map.of("BackendUrl", "http://127.0.0.1:8080")).notes());
    }
}
