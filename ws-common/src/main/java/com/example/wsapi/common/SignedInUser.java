package com.example.wsapi.common;

import java.util.Map;

/**
 * Who a connection signed in as: what the $connect authorizer put in {@code requestContext.authorizer}, which API
 * Gateway hands every later event of the connection. Absent when sign-in is off.
 *
 * @param id   the authorizer's principalId (the token's {@code sub})
 * @param name the display name from the authorizer's context ({@code name}), else the id
 */
public record SignedInUser(String id, String name) {

    /** The context key the authorizer (ws-authorizer) puts the display name under. */
    public static final String NAME = "name";

    /** The user of an event's {@code requestContext.authorizer}, or null when there is none (sign-in off). */
    public static SignedInUser from(Map<String, Object> authorizer) {
        if (authorizer == null || !(authorizer.get("principalId") instanceof String id) || id.isBlank()) {
            return null;
        }
        return new SignedInUser(id, authorizer.get(NAME) instanceof String name && !name.isBlank() ? name : id);
    }
}
