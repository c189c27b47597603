package com.example.wsapi.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What ws-local needs from a SAM/CloudFormation template, with every intrinsic function already
 * resolved to its local value.
 *
 * @param file      the template file read
 * @param api       the one WebSocket API of the template
 * @param functions the template's functions by logical id
 * @param tables    the template's DynamoDB tables
 * @param notes     what ws-local runs although it would fail on AWS (each a sentence naming what to add), for the
 *                  banner
 */
public record SamTemplate(Path file, WebSocketApi api, Map<String, LambdaFunction> functions, List<Table> tables,
                          List<String> notes) {

    public SamTemplate {
        notes = List.copyOf(notes);
    }

    /** Without notes. */
    public SamTemplate(Path file, WebSocketApi api, Map<String, LambdaFunction> functions, List<Table> tables) {
        this(file, api, functions, tables, List.of());
    }
}
