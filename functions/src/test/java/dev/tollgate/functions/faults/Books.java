package dev.tollgate.functions.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbChannelStore;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbPaymentLedger;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.operator.Payment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The money of one payer's channel after a fault, read straight from the gateway's tables with a
 * client no fault touches, and checked against the payer, whose own channel-core verified every
 * update it took in: both hold the same state; payer and gateway balances add up to the deposit; no
 * transfer is left locked; and the gateway's ledger holds each paid request once, exactly the ones
 * the payer holds receipts for.
 */
final class Books {
  private static final Clock UNUSED_BY_READS = () -> 0L;
  private static final long DAY_MILLIS = 86_400_000L;

  private final GatewayStack stack;
  private final DynamoDbClient dynamo;
  private final TableNames tables;

  Books(GatewayStack stack) {
    this.stack = stack;
    this.dynamo = stack.dynamoClient();
    this.tables = TableNames.withPrefix((String) stack.properties().get("tollgate.tables.prefix"));
  }

  StoredChannel stored(HttpPayer payer) {
    return new DynamoDbChannelStore(dynamo, tables, UNUSED_BY_READS)
        .load(payer.channel())
        .orElseThrow(() -> new AssertionError("no channel " + payer.channel() + " is stored"));
  }

  /**
   * Asserts the books of {@code payer}'s channel balance: {@code deposited} went in, and the
   * gateway was paid {@code price} once for each transfer in {@code receipts} and for nothing else.
   */
  void assertBalanced(
      HttpPayer payer, BigInteger deposited, BigInteger price, Set<Bytes32> receipts) {
    Channel stored = stored(payer).latest();
    Channel view = payer.payer().view();
    int token = stored.state().assetIndex(stack.token());

    assertThat(stored.state()).as("the gateway's state is the payer's").isEqualTo(view.state());
    assertThat(stored.activeTransfers()).as("transfers left locked").isEmpty();
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(deposited);
    BigInteger gateway = stored.state().balances().get(token).amount(0).value();
    BigInteger payerBalance = stored.state().balances().get(token).amount(1).value();
    assertThat(gateway.add(payerBalance)).isEqualTo(deposited);
    assertThat(gateway).isEqualTo(price.multiply(BigInteger.valueOf(receipts.size())));

    List<Payment> paid = payments(payer);
    assertThat(paid).extracting(Payment::transferId).containsExactlyInAnyOrderElementsOf(receipts);
    assertThat(paid).allSatisfy(p -> assertThat(p.amount().value()).isEqualTo(price));
    assertThat(transferStatuses(payer))
        .as("transfer records")
        .hasSize(receipts.size())
        .containsOnly("RESOLVED");
  }

  /** The gateway's ledger entries for {@code payer}'s channel, paid within a day of now. */
  List<Payment> payments(HttpPayer payer) {
    List<Payment> paid = new ArrayList<>();
    long now = System.currentTimeMillis();
    new DynamoDbPaymentLedger(dynamo, tables)
        .paidBetween(
            now - DAY_MILLIS,
            now + DAY_MILLIS,
            p -> {
              if (p.channel().equals(payer.channel())) {
                paid.add(p);
              }
            });
    return paid;
  }

  /** The status of every transfer record of {@code payer}'s channel. */
  private List<String> transferStatuses(HttpPayer payer) {
    List<String> statuses = new ArrayList<>();
    dynamo
        .scanPaginator(
            r ->
                r.tableName(tables.transfers())
                    .consistentRead(true)
                    .filterExpression("channelAddress = :c")
                    .expressionAttributeValues(
                        Map.of(":c", AttributeValue.fromS(payer.channel().toChecksumHex()))))
        .items()
        .forEach(item -> statuses.add(item.get("status").s()));
    return statuses;
  }
}
