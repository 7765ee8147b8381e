package dev.tollgate.client.crash;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.harness.GatewayStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * What the gateway's transfers table holds for one channel, read straight from DynamoDB (the
 * gateway may be dead): the transfers that paid the gateway and the ones still locked. Attribute
 * names are the gateway store's.
 *
 * @param paid the transfer ids of the gateway's payments, in no order
 * @param locked the transfer ids still active
 */
record GatewayBooks(List<String> paid, List<String> locked) {

  static GatewayBooks of(GatewayStack stack, Address channel) {
    String table =
        TableNames.withPrefix((String) stack.properties().get("tollgate.tables.prefix"))
            .transfers();
    List<String> paid = new ArrayList<>();
    List<String> locked = new ArrayList<>();
    try (DynamoDbClient dynamo = stack.dynamoClient()) {
      Map<String, AttributeValue> start = null;
      do {
        ScanRequest.Builder scan =
            ScanRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .filterExpression("#c = :c")
                .expressionAttributeNames(Map.of("#c", "channelAddress"))
                .expressionAttributeValues(
                    Map.of(":c", AttributeValue.fromS(channel.toChecksumHex())));
        if (start != null) {
          scan.exclusiveStartKey(start);
        }
        ScanResponse page = dynamo.scan(scan.build());
        for (Map<String, AttributeValue> item : page.items()) {
          String id = item.get("transferId").s();
          if (item.containsKey("paidAt")) {
            paid.add(id);
          }
          if ("ACTIVE".equals(item.get("status").s())) {
            locked.add(id);
          }
        }
        start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
      } while (start != null && !start.isEmpty());
    }
    return new GatewayBooks(List.copyOf(paid), List.copyOf(locked));
  }
}
