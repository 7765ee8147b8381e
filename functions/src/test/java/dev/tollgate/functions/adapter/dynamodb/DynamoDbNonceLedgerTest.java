package dev.tollgate.functions.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.value.Address;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.adapter.chain.Fees;
import dev.tollgate.functions.adapter.chain.NonceTakenException;
import dev.tollgate.functions.adapter.chain.RecordedTransaction;
import dev.tollgate.functions.adapter.chain.SignedTransaction;
import dev.tollgate.functions.adapter.chain.TransactionSigning;
import dev.tollgate.functions.adapter.chain.UnsignedTransaction;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The nonce ledger's conditional writes and its items, against DynamoDB Local. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbNonceLedgerTest {
  private static final AtomicInteger TABLE_SETS = new AtomicInteger();
  private static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000bb");

  private final TransactionSigning signing =
      new TransactionSigning(LocalKeySigner.fromHex("0x" + "3c".repeat(32)));
  private final Address account = signing.sender();
  private DynamoDbLocal dynamo;
  private TableNames tables;
  private DynamoDbNonceLedger ledger;

  @BeforeAll
  void start() throws Exception {
    dynamo = DynamoDbLocal.start();
  }

  @AfterAll
  void stop() {
    if (dynamo != null) {
      dynamo.close();
    }
  }

  @BeforeEach
  void freshTables() {
    tables = TableNames.withPrefix("ledger" + TABLE_SETS.incrementAndGet() + "-");
    GatewayTables.createIfMissing(dynamo.client(), tables);
    ledger = new DynamoDbNonceLedger(dynamo.client(), tables);
  }

  @Test
  void aReservationHoldsOnlyWhileTheNextNonceIsWhatTheSenderRead() {
    assertThat(ledger.nextNonce(account)).isZero();
    ledger.reserve(account, 0, "first", signed(0, 100));
    assertThat(ledger.nextNonce(account)).isEqualTo(1);

    // A second sender that also read 0 loses, whatever nonce it signed.
    assertThatThrownBy(() -> ledger.reserve(account, 0, "late", signed(1, 100)))
        .isInstanceOf(NonceTakenException.class)
        .hasMessageContaining("no longer 0");
    assertThatThrownBy(() -> ledger.reserve(account, 5, "stale", signed(5, 100)))
        .isInstanceOf(NonceTakenException.class);
    assertThat(ledger.nextNonce(account)).isEqualTo(1);
    assertThat(ledger.recordedFrom(account, 0))
        .extracting(RecordedTransaction::call)
        .containsExactly("first");

    // A nonce above the ledger's (the key was used elsewhere) moves the ledger past it.
    ledger.reserve(account, 1, "skipped ahead", signed(4, 100));
    assertThat(ledger.nextNonce(account)).isEqualTo(5);
    assertThatThrownBy(() -> ledger.reserve(account, 5, "below", signed(3, 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nonce 3 is below the ledger's next nonce 5");
  }

  @Test
  void recordsComeBackInNonceOrderWithTheirReplacements() {
    for (int nonce = 0; nonce < 12; nonce++) {
      ledger.reserve(account, nonce, "call " + nonce, signed(nonce, 100));
    }
    SignedTransaction replacement = signed(10, 113);
    ledger.recordReplacement(account, replacement);

    var from9 = ledger.recordedFrom(account, 9);
    assertThat(from9).extracting(RecordedTransaction::nonce).containsExactly(9L, 10L, 11L);
    RecordedTransaction ten = from9.get(1);
    assertThat(ten.call()).isEqualTo("call 10");
    assertThat(ten.attempts()).containsExactly(signed(10, 100), replacement);
    assertThat(ten.latest()).isEqualTo(replacement);

    Map<String, AttributeValue> item =
        dynamo
            .client()
            .getItem(
                r ->
                    r.tableName(tables.chain())
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("account#" + account.toChecksumHex()),
                                "sk", AttributeValue.fromS("tx#00000000000000000010"))))
            .item();
    assertThat(item.get("raw").s()).isEqualTo(signed(10, 100).raw());
    assertThat(item.get("hash").s()).isEqualTo(signed(10, 100).hash().toHex());
    assertThat(item.get("replacements").l()).hasSize(1);
  }

  @Test
  void aReplacementForANonceNeverRecordedIsRefused() {
    assertThatThrownBy(() -> ledger.recordReplacement(account, signed(3, 200)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no transaction of " + account + " is recorded at nonce 3");
    assertThat(ledger.recordedFrom(account, 0)).isEmpty();
  }

  private SignedTransaction signed(long nonce, long maxFee) {
    return signing.sign(
        new UnsignedTransaction(
            31337,
            nonce,
            TO,
            "0x",
            BigInteger.valueOf(50_000),
            new Fees(BigInteger.valueOf(maxFee), BigInteger.ONE)),
        1_700_000_000L + nonce);
  }
}
