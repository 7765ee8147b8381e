package dev.tollgate.functions.adapter.chain;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One anvil chain (contracts deployed) and one DynamoDB Local per test class, stopped after it.
 * Tests stay apart by sending from fresh keys into fresh ledgers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SenderChainTest {
  SenderChain chain;

  @BeforeAll
  void startChain() throws Exception {
    chain = SenderChain.start();
  }

  @AfterAll
  void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }
}
