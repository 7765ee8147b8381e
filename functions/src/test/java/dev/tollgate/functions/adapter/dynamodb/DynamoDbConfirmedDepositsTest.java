package dev.tollgate.functions.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.deposits.ConfirmedDeposits.ConfirmedTotals;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbConfirmedDepositsTest extends DynamoDbLocalTables {
  private static final Address CHANNEL =
      Address.fromHex("0xc0000000000000000000000000000000000000c1");
  private static final Address OTHER_ASSET =
      Address.fromHex("0x2000000000000000000000000000000000000002");

  private DynamoDbConfirmedDeposits deposits;

  @BeforeEach
  void deposits() {
    deposits = new DynamoDbConfirmedDeposits(dynamo, tables);
  }

  @Test
  void totalsOfTheFullUint256RangeReadBackPerChannelAndAsset() {
    assertThat(deposits.find(CHANNEL, TestChannels.TOKEN)).isEmpty();
    // Beyond the 38 digits a DynamoDB number keeps.
    DepositTotals huge =
        new DepositTotals(
            Uint256.MAX,
            Uint256.parse("123456789012345678901234567890123456789012345678901234567891"));
    assertThat(deposits.record(CHANNEL, TestChannels.TOKEN, huge, 12)).isTrue();
    assertThat(deposits.find(CHANNEL, TestChannels.TOKEN)).contains(new ConfirmedTotals(huge, 12));
    assertThat(deposits.find(CHANNEL, OTHER_ASSET)).isEmpty();

    Map<String, AttributeValue> raw =
        rawChainItem(CHANNEL.toChecksumHex(), "deposits#" + TestChannels.TOKEN.toChecksumHex());
    assertThat(raw.get("totalDepositsAlice").s()).isEqualTo(Uint256.MAX.toDecimal());
    assertThat(raw.get("block").n()).isEqualTo("12");
  }

  @Test
  void totalsFromAnOlderOrTheSameBlockAreNotStoredAndANewerBlockReplacesThem() {
    DepositTotals at10 = totals(100, 200);
    assertThat(deposits.record(CHANNEL, TestChannels.TOKEN, at10, 10)).isTrue();

    assertThat(deposits.record(CHANNEL, TestChannels.TOKEN, totals(50, 60), 9)).isFalse();
    assertThat(deposits.record(CHANNEL, TestChannels.TOKEN, totals(70, 80), 10)).isFalse();
    assertThat(deposits.find(CHANNEL, TestChannels.TOKEN)).contains(new ConfirmedTotals(at10, 10));

    DepositTotals at11 = totals(100, 900);
    assertThat(deposits.record(CHANNEL, TestChannels.TOKEN, at11, 11)).isTrue();
    assertThat(deposits.find(CHANNEL, TestChannels.TOKEN)).contains(new ConfirmedTotals(at11, 11));

    // Each asset moves on its own: an older block for another asset is still its first record.
    assertThat(deposits.record(CHANNEL, OTHER_ASSET, totals(1, 2), 3)).isTrue();
    assertThat(deposits.find(CHANNEL, OTHER_ASSET)).contains(new ConfirmedTotals(totals(1, 2), 3));
  }

  private static DepositTotals totals(long alice, long bob) {
    return new DepositTotals(Uint256.of(alice), Uint256.of(bob));
  }
}
