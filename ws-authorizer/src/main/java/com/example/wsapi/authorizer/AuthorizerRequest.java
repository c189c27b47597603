package com.example.wsapi.authorizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the authorizer reads of the REQUEST authorizer event API Gateway sends on {@code $connect}.
 *
 * @param methodArn    {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/$connect}, what the policy names
 * @param connectionId the connection being opened (for the log)
 * @param token        the sign-in token, or null when the client sent none
 */
public record AuthorizerRequest(String methodArn, String connectionId, String token) {

    /** The query parameter non-browser clients pass the token in. */
    public static final String TOKEN_PARAMETER = "token";
    /**
     * The subprotocol browsers offer beside the token, {@code new WebSocket(url, ["chat", token])}: a browser cannot set
     * headers on a handshake, but can list subprotocols, and $connect answers with {@code chat} alone.
     */
    public static final String CHAT_SUBPROTOCOL = "chat";

    /** Reads the event; a document that is not one fails with IllegalArgumentException (API Gateway sends none). */
    public static AuthorizerRequest read(InputStream event) {
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseReader(new InputStreamReader(event, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException("the event is not a JSON object: expected an API Gateway REQUEST "
                        + "authorizer event");
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the event is not JSON: expected an API Gateway REQUEST authorizer "
                    + "event", e);
        }
        String methodArn = string(json.get("methodArn"));
        if (methodArn == null) {
            throw new IllegalArgumentException("the event has no methodArn: expected an API Gateway REQUEST "
                    + "authorizer event");
        }
        JsonObject context = object(json.get("requestContext"));
        String connectionId = context == null ? null : string(context.get("connectionId"));
        JsonObject query = object(json.get("queryStringParameters"));
        String token = query == null ? null : string(query.get(TOKEN_PARAMETER));
        if (token == null || token.isEmpty()) {
            token = tokenAmongSubprotocols(string(header(object(json.get("headers")), "Sec-WebSocket-Protocol")));
        }
        return new AuthorizerRequest(methodArn, connectionId, token);
    }

    /** The token of {@code Sec-WebSocket-Protocol: chat, <token>}: the first offer besides chat, when chat is offered. */
    static String tokenAmongSubprotocols(String header) {
        if (header == null) {
            return null;
        }
        String token = null;
        boolean chat = false;
        for (String offer : header.split(",")) {
            String protocol = offer.strip();
            if (protocol.equals(CHAT_SUBPROTOCOL)) {
                chat = true;
            } else if (token == null && !protocol.isEmpty()) {
                token = protocol;
            }
        }
        return chat ? token : null;
    }

    /** A header's value, its name matched without regard to case as HTTP has it. */
    private static JsonElement header(JsonObject headers, String name) {
        if (headers != null) {
            for (Map.Entry<String, JsonElement> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
        }
        return null;
    }

    private static JsonObject object(JsonElement element) {
        return element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
    }

    private static String string(JsonElement element) {
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                ? element.getAsString() : null;
    }
}
