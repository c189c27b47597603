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
 * @param notRun    the template's AWS::Lambda::Functions that ws-local does not run (a CDK app's Node.js helpers,
 *                  code only in S3), each with why, for {@code invoke}
 */
public record SamTemplate(Path file, WebSocketApi api, Map<String, LambdaFunction> functions, List<Table> tables,
                          List<String> notes, Map<String, String> notRun) {

    public SamTemplate {
        notes = List.copyOf(notes);
        notRun = Map.copyOf(notRun);
    }

    /**
     * The logical ids of the functions {@code name} names, as {@code sam local invoke} finds them: the one whose
     * logical id it is, else each whose CDK construct id ({@link LambdaFunction#cdkId}) or FunctionName it is.
     */
    public List<String> functionsNamed(String name) {
        if (functions.containsKey(name)) {
            return List.of(name);
        }
        return functions.values().stream()
                .filter(function -> name.equals(function.cdkId()) || name.equals(function.functionName()))
                .map(LambdaFunction::logicalId)
                .toList();
    }

    /** Every function runs. */
    public SamTemplate(Path file, WebSocketApi api, Map<String, LambdaFunction> functions, List<Table> tables,
                       List<String> notes) {
        this(file, api, functions, tables, notes, Map.of());
    }

    /** Without notes. */
    public SamTemplate(Path file, WebSocketApi api, Map<String, LambdaFunction> functions, List<Table> tables) {
        this(file, api, functions, tables, List.of());
    }
}
