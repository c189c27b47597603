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
 */
public record SamTemplate(Path file, WebSocketApi api, Map<String, LambdaFunction> functions, List<Table> tables) {}
