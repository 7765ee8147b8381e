package dev.tollgate.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Measures what the cost model's DynamoDB line rests on: the items of a paid request's transaction,
 * as {@code DynamoDbChannelStore} writes them, sized by DynamoDB's rules. Prints the sizes and
 * fails when {@link PaidWriteItems#MEASURED} no longer matches them.
 */
class PaidRequestItemSizesTest {
  /** Amounts, nonces and signatures vary by a few digits between payments. */
  private static final int TOLERANCE_BYTES = 24;

  @Test
  void theModelsItemSizesAreThoseTheGatewayWrites() {
    Map<String, Integer> sizes = sizes(OnePaidWrite.capture(20));
    System.out.println("paid request items (bytes, DynamoDB's rules): " + sizes);

    PaidWriteItems m = PaidWriteItems.MEASURED;
    assertThat(sizes.get("channel")).isCloseTo(m.channelBytes(), within());
    assertThat(sizes.get("create update")).isCloseTo(m.createUpdateBytes(), within());
    assertThat(sizes.get("resolve update")).isCloseTo(m.resolveUpdateBytes(), within());
    assertThat(sizes.get("transfer")).isCloseTo(m.transferBytes(), within());
    PaidWriteItems measured =
        new PaidWriteItems(
            sizes.get("channel"),
            sizes.get("create update"),
            sizes.get("resolve update"),
            sizes.get("transfer"),
            m.source());
    assertThat(measured.transactionalWriteUnits()).isEqualTo(m.transactionalWriteUnits());
    assertThat(measured.indexWriteUnits()).isEqualTo(m.indexWriteUnits());
    assertThat(measured.channelReadUnits()).isEqualTo(m.channelReadUnits());
  }

  @Test
  void aLongerHistoryDoesNotGrowTheItems() {
    Map<String, Integer> early = sizes(OnePaidWrite.capture(1));
    Map<String, Integer> later = sizes(OnePaidWrite.capture(200));
    System.out.println("after 1 payment: " + early + "; after 200: " + later);
    for (String item : early.keySet()) {
      assertThat(later.get(item)).as(item).isCloseTo(early.get(item), within());
    }
  }

  /**
   * The transaction's puts by what they hold: the channel, the create and resolve updates (told
   * apart by their {@code type}) and the transfer.
   */
  private static Map<String, Integer> sizes(TransactWriteItemsRequest request) {
    List<Put> puts = request.transactItems().stream().map(TransactWriteItem::put).toList();
    assertThat(puts).as("a paid request puts four items").hasSize(4).doesNotContainNull();
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (Put put : puts) {
      int size = DynamoItemSize.of(put.item());
      System.out.println("  " + put.tableName() + ": " + DynamoItemSize.byAttribute(put.item()));
      if (put.tableName().equals(OnePaidWrite.TABLES.channels())) {
        sizes.put("channel", size);
      } else if (put.tableName().equals(OnePaidWrite.TABLES.transfers())) {
        assertThat(put.item())
            .as("a paid transfer is listed in paymentsByDay")
            .containsKey("payDay");
        sizes.put("transfer", size);
      } else if (put.tableName().equals(OnePaidWrite.TABLES.updates())) {
        String type = put.item().get("type").s();
        sizes.put(type.equals("CREATE") ? "create update" : "resolve update", size);
      }
    }
    assertThat(sizes).containsOnlyKeys("channel", "create update", "resolve update", "transfer");
    return sizes;
  }

  private static org.assertj.core.data.Offset<Integer> within() {
    return org.assertj.core.data.Offset.offset(TOLERANCE_BYTES);
  }
}
