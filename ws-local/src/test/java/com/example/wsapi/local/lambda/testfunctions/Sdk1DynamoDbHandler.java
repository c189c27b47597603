package com.example.wsapi.local.lambda.testfunctions;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * A message route whose function keeps each message in the table {@code TABLE_NAME} names, with the AWS SDK for
 * Java 1.x DynamoDB client as older tutorials build it: {@code defaultClient()} (region, credentials and endpoint from
 * the environment; it reads no {@code AWS_ENDPOINT_URL_DYNAMODB}), and one built for another region than
 * {@code AWS_REGION}. Each puts the item (its key the message, plus which client wrote it) and gets it back; the
 * reply says what each read.
 */
public class Sdk1DynamoDbHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The region of the second client: not the API's. */
    public static final String OTHER_REGION = "ap-northeast-1";

    private final AmazonDynamoDB dynamo = AmazonDynamoDBClientBuilder.defaultClient();
    private final AmazonDynamoDB otherRegion = AmazonDynamoDBClientBuilder.standard().withRegion(OTHER_REGION).build();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String message = (String) event.get("body");
        String table = System.getenv("TABLE_NAME");
        String read = putAndGet(dynamo, table, message, "default") + " "
                + putAndGet(otherRegion, table, message + "-" + OTHER_REGION, OTHER_REGION);
        return Map.of("statusCode", 200, "body", read);
    }

    private static String putAndGet(AmazonDynamoDB client, String table, String id, String writer) {
        client.putItem(table, Map.of("id", new AttributeValue(id), "writer", new AttributeValue(writer)));
        Map<String, AttributeValue> item = client.getItem(table, Map.of("id", new AttributeValue(id))).getItem();
        return item == null ? "nothing" : item.get("writer").getS();
    }
}
