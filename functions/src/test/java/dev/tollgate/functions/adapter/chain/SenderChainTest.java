package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbNonceLedger;
import dev.tollgate.functions.adapter.dynamodb.GatewayTables;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.harness.LocalContracts;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One anvil chain (contracts deployed) and one DynamoDB Local per test class, stopped after it.
 * Tests stay apart by sending from fresh keys into fresh ledgers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SenderChainTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger TABLE_SETS = new AtomicInteger();

  LocalContracts chain;
  DynamoDbLocal dynamo;

  @BeforeAll
  void startChain() throws Exception {
    chain = LocalContracts.start();
    dynamo = DynamoDbLocal.start();
  }

  @AfterAll
  void stopChain() {
    try {
      if (chain != null) {
        chain.close();
      }
    } finally {
      if (dynamo != null) {
        dynamo.close();
      }
    }
  }

  /** Polls fast, gives up on a receipt after a minute; nothing is replaced within 10 seconds. */
  static SenderSettings testSettings() {
    return SenderSettings.defaults()
        .withPollInterval(Duration.ofMillis(25))
        .withStuckAfter(Duration.ofSeconds(10))
        .withReceiptTimeout(Duration.ofMinutes(1));
  }

  /** A ledger on tables no other test writes to. */
  NonceLedger freshLedger() {
    TableNames tables = TableNames.withPrefix("sender" + TABLE_SETS.incrementAndGet() + "-");
    GatewayTables.createIfMissing(dynamo.client(), tables);
    return new DynamoDbNonceLedger(dynamo.client(), tables);
  }

  /** A key no test has used, holding {@link LocalContracts#FUNDED_WEI}. */
  LocalKeySigner fundedKey() {
    LocalKeySigner key = LocalKeySigner.random(RANDOM);
    chain.fund(key.address());
    return key;
  }

  TransactionSender sender(Signer signer, NonceLedger ledger, SenderSettings settings) {
    return sender(new Web3jChainRpc(chain.web3j), signer, ledger, settings);
  }

  TransactionSender sender(
      ChainRpc rpc, Signer signer, NonceLedger ledger, SenderSettings settings) {
    return new TransactionSender(
        rpc, ledger, signer, settings, () -> System.currentTimeMillis() / 1000, System::nanoTime);
  }

  long minedCount(Address account) {
    return new Web3jChainRpc(chain.web3j).transactionCount(account, false);
  }
}
