package com.example.wsapi.httpbackend;

import com.example.wsapi.common.Json;

/**
 * What an endpoint answers: a status and a JSON body. For whoami the body is the frame the client gets; for the
 * other routes API Gateway sends the client nothing, so the body is for logs, tests and people with curl.
 */
record Reply(int status, String json) {

    /** {"message": ...}: the body of every error. */
    record Message(String message) {}

    static Reply ok(Object body) {
        return new Reply(200, Json.toJson(body));
    }

    static Reply error(int status, String message) {
        return new Reply(status, Json.toJson(new Message(message)));
    }
}
