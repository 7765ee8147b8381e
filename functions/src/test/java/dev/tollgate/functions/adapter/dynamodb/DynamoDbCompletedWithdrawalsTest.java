package dev.tollgate.functions.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals.CompletedWithdrawal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbCompletedWithdrawalsTest extends DynamoDbLocalTables {
  private static final Address CHANNEL =
      Address.fromHex("0xc0000000000000000000000000000000000000c2");
  private static final Address RECIPIENT =
      Address.fromHex("0x00000000000000000000000000000000000000e1");
  private static final Bytes32 WITHDRAW_DATA = TestChannels.preImage(1);
  private static final Bytes32 TX = TestChannels.preImage(2);
  private static final Bytes32 OTHER_TX = TestChannels.preImage(3);

  private DynamoDbCompletedWithdrawals withdrawals;

  @BeforeEach
  void withdrawals() {
    withdrawals = new DynamoDbCompletedWithdrawals(dynamo, tables);
  }

  @Test
  void aRecordedWithdrawalReadsBackEqual() {
    assertThat(withdrawals.find(CHANNEL, WITHDRAW_DATA)).isEmpty();
    CompletedWithdrawal done =
        withdrawal(
            TX, Uint256.parse("98765432109876543210987654321098765432109876543210987654321"));
    withdrawals.record(done);
    assertThat(withdrawals.find(CHANNEL, WITHDRAW_DATA)).contains(done);
    assertThat(withdrawals.find(CHANNEL, TestChannels.preImage(4))).isEmpty();
    assertThat(rawItem()).containsKey("txHash");
  }

  @Test
  void theSameWithdrawalRecordedAgainChangesNothing() {
    CompletedWithdrawal done = withdrawal(TX, Uint256.of(5_000));
    withdrawals.record(done);
    Map<String, AttributeValue> before = rawItem();

    withdrawals.record(done);
    assertThat(rawItem()).isEqualTo(before);
    assertThat(withdrawals.find(CHANNEL, WITHDRAW_DATA)).contains(done);
  }

  @Test
  void anotherTransactionForTheSameWithdrawDataIsRefusedNamingBothAndChangesNothing() {
    CompletedWithdrawal done = withdrawal(TX, Uint256.of(5_000));
    withdrawals.record(done);
    Map<String, AttributeValue> before = rawItem();

    assertThatThrownBy(() -> withdrawals.record(withdrawal(OTHER_TX, Uint256.of(5_000))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(TX.toHex())
        .hasMessageContaining(OTHER_TX.toHex())
        .hasMessageContaining(WITHDRAW_DATA.toHex());
    assertThat(rawItem()).isEqualTo(before);
  }

  private Map<String, AttributeValue> rawItem() {
    return rawChainItem(CHANNEL.toChecksumHex(), "withdrawal#" + WITHDRAW_DATA.toHex());
  }

  private static CompletedWithdrawal withdrawal(Bytes32 tx, Uint256 amount) {
    return new CompletedWithdrawal(
        CHANNEL, WITHDRAW_DATA, TestChannels.TOKEN, RECIPIENT, amount, tx, 4_321);
  }
}
