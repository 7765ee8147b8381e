package dev.tollgate.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.GatewayHandler;
import dev.tollgate.functions.adapter.dynamodb.GatewayTables;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.EventOrigin;
import dev.tollgate.functions.events.ProcessedEvents;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code tollgate.events.processed-retention-days} reaches the processed-event records. */
class ProcessedRetentionSettingTest {
  private static final Address CHANNEL =
      Address.fromHex("0xc0000000000000000000000000000000000000c3");

  private AmazonDynamoDBLocal embedded;
  private DynamoDbClient client;

  @BeforeEach
  void startDynamoDb() {
    embedded = DynamoDBEmbedded.create(true);
    client = embedded.dynamoDbClient();
  }

  @AfterEach
  void stopDynamoDb() {
    embedded.shutdown();
  }

  @Test
  void theConfiguredRetentionSetsTheExpiry() {
    Map<String, Object> properties = DynamoDbClientOverrideTest.gateway("retention-");
    properties.put("tollgate.events.processed-retention-days", 45);
    try (ApplicationContext context =
        GatewayHandler.contextBuilder().properties(properties).singletons(client).start()) {
      ChainEvent event =
          new ChainEvent.TokenDeposited(
              new EventOrigin(hash(1), 0, 120, hash(2)),
              CHANNEL,
              Address.fromHex("0x1000000000000000000000000000000000000001"),
              Address.fromHex("0x00000000000000000000000000000000000000b0"),
              Uint256.of(1_000));
      context.getBean(ProcessedEvents.class).markProcessed(event, "deposit reconciled");

      Map<String, AttributeValue> item =
          client
              .getItem(
                  r ->
                      r.tableName("retention-chain")
                          .key(
                              Map.of(
                                  "pk", AttributeValue.fromS(CHANNEL.toChecksumHex()),
                                  "sk", AttributeValue.fromS("event#000000000120#000000"))))
              .item();
      long processedAt = Long.parseLong(item.get("processedAt").n());
      long expiresAt = Long.parseLong(item.get(GatewayTables.TTL_ATTRIBUTE).n());
      assertThat(expiresAt - processedAt).isEqualTo(45L * 86_400);
    }
  }

  @Test
  void aRetentionUnderThirtyDaysStopsTheStartNamingTheSetting() {
    Map<String, Object> properties = DynamoDbClientOverrideTest.gateway("short-");
    properties.put("tollgate.events.processed-retention-days", 14);

    assertThatThrownBy(
            () ->
                GatewayHandler.contextBuilder()
                    .properties(properties)
                    .singletons(client)
                    .start()
                    .close())
        .hasStackTraceContaining(
            "tollgate.events.processed-retention-days: processed-event retention must be 30 to"
                + " 36500 days")
        .hasStackTraceContaining("got 14");
  }

  private static Bytes32 hash(int n) {
    byte[] bytes = new byte[32];
    bytes[31] = (byte) n;
    return Bytes32.of(bytes);
  }
}
