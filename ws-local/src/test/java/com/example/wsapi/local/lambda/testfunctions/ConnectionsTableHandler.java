package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code $connect} and {@code $disconnect} of a CDK app: puts the connection's record into the table
 * {@code TABLE_NAME} names (a {@code Ref} of the table), and deletes it, with the AWS SDK's DynamoDB client configured
 * as on Lambda (nothing but its HTTP client: region, credentials and endpoint come from the environment).
 */
public class ConnectionsTableHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> requestContext = (Map<String, Object>) event.get("requestContext");
        AttributeValue connectionId = AttributeValue.fromS((String) requestContext.get("connectionId"));
        String table = System.getenv("TABLE_NAME");
        if ("CONNECT".equals(requestContext.get("eventType"))) {
            dynamo.putItem(put -> put.tableName(table).item(Map.of("connectionId", connectionId,
                    "routeKey", AttributeValue.fromS((String) requestContext.get("routeKey")))));
        } else {
            dynamo.deleteItem(delete -> delete.tableName(table).key(Map.of("connectionId", connectionId)));
        }
        return Map.of("statusCode", 200);
    }
}
