package dev.tollgate.functions.adapter.dynamodb;

import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.harness.Emulated;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * DynamoDB Local for one test class, on a loopback port, with a fresh set of the gateway's tables
 * for each test, so no test sees another's items.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DynamoDbLocalTables {
  private Emulated<DynamoDbClient> emulated;
  private int tableSets;
  DynamoDbClient dynamo;
  TableNames tables;

  @BeforeAll
  void startDynamoDbLocal() throws Exception {
    DynamoDbLocal local = DynamoDbLocal.start();
    emulated = new Emulated<>(local.client(), local::close);
    dynamo = emulated.client();
  }

  @BeforeEach
  void createFreshTables() {
    tables = TableNames.withPrefix(getClass().getSimpleName() + "-" + ++tableSets + "-");
    GatewayTables.createIfMissing(dynamo, tables);
  }

  @AfterAll
  void stopDynamoDbLocal() {
    if (emulated != null) {
      emulated.close();
    }
  }

  /** The chain table's item at {@code pk}/{@code sk} as stored, empty when there is none. */
  Map<String, AttributeValue> rawChainItem(String pk, String sk) {
    return dynamo
        .getItem(
            GetItemRequest.builder()
                .tableName(tables.chain())
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                .consistentRead(true)
                .build())
        .item();
  }
}
