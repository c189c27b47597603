package com.example.wsapi.common.routes;

import com.example.wsapi.common.Json;
import com.google.gson.JsonElement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON messages the chat routes post to connections. Null fields are left out (Json.GSON skips nulls): a
 * message from a sender in no room has no "room".
 */
public final class ChatMessages {

    /** ISO-8601 in UTC with milliseconds, always the same length: 2026-11-21T08:42:20.529Z. */
    static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * To the joiner: {"type":"joined","room":...,"name":...,"members":n}, n counting the joiner; the name is the one
     * the room knows the joiner by (with sign-in on, the token's, whatever the message said).
     */
    record Joined(String type, String room, String name, int members) {}

    /** To the one who left: {"type":"left","room":...}. */
    record Left(String type, String room) {}

    /** To the others of a room: {"type":"member-joined"|"member-left","room":...,"name":...}. */
    record Membership(String type, String room, String name) {}

    /** To a room, or everyone: {"type":"message","room":...,"from":...,"data":...,"sentAt":"..."}. */
    record Message(String type, String room, String from, JsonElement data, String sentAt) {}

    private ChatMessages() {}

    public static String joined(String room, String name, int members) {
        return Json.toJson(new Joined("joined", room, name, members));
    }

    public static String left(String room) {
        return Json.toJson(new Left("left", room));
    }

    public static String memberJoined(String room, String name) {
        return Json.toJson(new Membership("member-joined", room, name));
    }

    public static String memberLeft(String room, String name) {
        return Json.toJson(new Membership("member-left", room, name));
    }

    /** @param data any JSON value, sent as it came (a string stays a string) */
    public static String message(String room, String from, JsonElement data, Instant sentAt) {
        return Json.toJson(new Message("message", room, from, data, SENT_AT.format(sentAt)));
    }
}
