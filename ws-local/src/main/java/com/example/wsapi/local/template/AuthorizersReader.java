package com.example.wsapi.local.template;

import static com.example.wsapi.local.template.ResourceTypes.AUTHORIZER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the Lambda REQUEST authorizers ({@code AWS::ApiGatewayV2::Authorizer}) that routes name. */
final class AuthorizersReader {

    private final TemplateContext context;
    private final FunctionsReader functions;
    private final Map<String, Authorizer> read = new HashMap<>();

    AuthorizersReader(TemplateContext context, FunctionsReader functions) {
        this.context = context;
        this.functions = functions;
    }

    /**
     * The authorizer with this logical id.
     *
     * @param location the property that names it, for the message when it is not an authorizer
     */
    Authorizer authorizer(String id, String location) {
        Authorizer known = read.get(id);
        if (known == null) {
            known = read(id, location);
            read.put(id, known);
        }
        return known;
    }

    private Authorizer read(String id, String location) {
        if (!AUTHORIZER.equals(context.typeIfActive(id))) {
            throw new TemplateProblem(location, "AuthorizerId names " + id + ", which is not an "
                    + "AWS::ApiGatewayV2::Authorizer of the template: fix the AuthorizerId");
        }
        String at = "Resources." + id + ".Properties";
        Map<String, Object> props = context.properties(id);
        String type = context.requiredString(props, "AuthorizerType", at, "AuthorizerType: REQUEST");
        if (!type.equals("REQUEST")) {
            throw new TemplateProblem(at + ".AuthorizerType", "AuthorizerType " + type + " is not available to "
                    + "WebSocket APIs: use a Lambda authorizer with AuthorizerType: REQUEST");
        }
        String uri = context.requiredString(props, "AuthorizerUri", at, FunctionsReader.invocationUriHint("AuthorizerUri"));
        String function = functions.logicalIdOf(FunctionsReader.invokedFunction(uri, "AuthorizerUri",
                at + ".AuthorizerUri"));
        String qualifier = FunctionsReader.invokedQualifier(uri);
        functions.requireRunnable(function, "authorizer " + id, at + ".AuthorizerUri");
        Object sources = context.resolve(props.get("IdentitySource"), at + ".IdentitySource");
        List<String> identitySources = new ArrayList<>();
        if (sources instanceof String text) {
            for (String source : text.split(",")) {
                identitySources.add(source.trim());
            }
        } else if (sources instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                identitySources.add(Intrinsics.text(list.get(i), at + ".IdentitySource[" + i + "]"));
            }
        } else if (sources != null && sources != Intrinsics.NO_VALUE) {
            throw new TemplateProblem(at + ".IdentitySource", "expected a list like [route.request.header.Auth], "
                    + "found " + Intrinsics.describe(sources));
        }
        return new Authorizer(id, function, qualifier, identitySources);
    }
}
