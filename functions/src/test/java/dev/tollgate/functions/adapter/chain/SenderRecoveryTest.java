package dev.tollgate.functions.adapter.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.SentTransaction;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A container that dies after recording, and a transaction the chain leaves waiting. */
class SenderRecoveryTest extends SenderChainTest {

  @Test
  void aTransactionRecordedButNeverBroadcastIsSentByResumeAndItsNonceIsNotReused()
      throws Exception {
    LocalKeySigner key = fundedKey();
    NonceLedger ledger = freshLedger();
    Address spender = chain.deployment.channelFactory();
    RecordedTransaction lost = crashAfterRecording(key, ledger, spender, 500);
    assertThat(chain.transaction(lost.latest().hash())).as("never reached the node").isEmpty();

    TransactionSender restarted = sender(key, ledger, testSettings());
    List<ResumedTransaction> resumed = restarted.resume();

    assertThat(resumed).hasSize(1);
    assertThat(resumed.get(0).nonce()).isEqualTo(0);
    assertThat(resumed.get(0).call()).isEqualTo("approve(500)");
    assertThat(resumed.get(0).succeeded().orElseThrow().hash()).isEqualTo(lost.latest().hash());
    assertThat(chain.allowance(key.address(), spender)).isEqualTo(500);

    SentTransaction next =
        restarted.send("approve(600)", chain.token(), chain.approve(spender, 600));
    assertThat(chain.nonceOf(next.hash())).isEqualTo(1);
    assertThat(chain.allowance(key.address(), spender)).isEqualTo(600);
    assertThat(restarted.resume()).as("nothing left unmined").isEmpty();
  }

  @Test
  void aSendStuckBehindANonceThatWasNeverBroadcastBroadcastsThatNonceToo() throws Exception {
    LocalKeySigner key = fundedKey();
    NonceLedger ledger = freshLedger();
    Address spender = chain.deployment.channelFactory();
    RecordedTransaction lost = crashAfterRecording(key, ledger, spender, 700);

    // No resume: another container sends next, and the chain cannot mine it past the gap.
    TransactionSender other =
        sender(key, ledger, testSettings().withStuckAfter(Duration.ofMillis(300)));
    SentTransaction next = other.send("approve(800)", chain.token(), chain.approve(spender, 800));

    assertThat(chain.nonceOf(next.hash())).isEqualTo(1);
    assertThat(chain.nonceOf(lost.latest().hash())).isEqualTo(0);
    assertThat(minedCount(key.address())).isEqualTo(2);
    assertThat(chain.allowance(key.address(), spender)).isEqualTo(800);
    assertThat(ledger.recordedFrom(key.address(), 1).get(0).replacements())
        .as("the gap was the cause, so nonce 1 was not replaced")
        .isZero();
  }

  @Test
  void aTransactionLeftUnminedIsReplacedAtTheSameNonceWithFeesAtLeastAnEighthHigher()
      throws Exception {
    LocalKeySigner key = fundedKey();
    NonceLedger ledger = freshLedger();
    Address spender = chain.deployment.channelFactory();
    TransactionSender sender =
        sender(
            key,
            ledger,
            testSettings().withStuckAfter(Duration.ofMillis(400)).withMaxReplacements(1));
    chain.anvil.setAutomine(false);
    try {
      CompletableFuture<SentTransaction> sending =
          CompletableFuture.supplyAsync(
              () -> sender.send("approve(900)", chain.token(), chain.approve(spender, 900)));
      RecordedTransaction replaced = awaitReplacementInPool(ledger, key.address(), sending);
      chain.anvil.mine();
      SentTransaction mined = sending.get(1, TimeUnit.MINUTES);

      SignedTransaction original = replaced.attempts().get(0);
      SignedTransaction replacement = replaced.attempts().get(1);
      assertThat(mined.hash()).isEqualTo(replacement.hash()).isNotEqualTo(original.hash());
      assertThat(new Web3jChainRpc(chain.web3j).receipt(original.hash())).isEmpty();
      assertThat(chain.nonceOf(mined.hash())).isEqualTo(original.nonce()).isZero();
      assertAtLeastAnEighthMore(replacement.fees().maxFeePerGas(), original.fees().maxFeePerGas());
      assertAtLeastAnEighthMore(
          replacement.fees().maxPriorityFeePerGas(), original.fees().maxPriorityFeePerGas());
      assertThat(chain.allowance(key.address(), spender)).isEqualTo(900);
    } finally {
      chain.anvil.setAutomine(true);
    }
  }

  @Test
  void aNonceTakenByATransactionTheLedgerDoesNotKnowIsReportedAsNotHappened() throws Exception {
    LocalKeySigner key = fundedKey();
    NonceLedger ledger = freshLedger();
    Address spender = chain.deployment.channelFactory();
    TransactionSender sender =
        sender(
            key,
            ledger,
            testSettings().withStuckAfter(Duration.ofMillis(300)).withMaxReplacements(0));
    chain.anvil.setAutomine(false);
    try {
      CompletableFuture<SentTransaction> sending =
          CompletableFuture.supplyAsync(
              () -> sender.send("approve(1000)", chain.token(), chain.approve(spender, 1000)));
      RecordedTransaction ours = awaitInPool(ledger, key.address(), sending, 0);

      // The same key, used by some other tool, outbids it at the same nonce.
      SignedTransaction stranger =
          new TransactionSigning(key)
              .sign(
                  new UnsignedTransaction(
                      AnvilNode.CHAIN_ID,
                      0,
                      chain.token(),
                      Hex.encode(chain.approve(spender, 1)),
                      ours.latest().gasLimit(),
                      ours.latest().fees().bumped(10_000)),
                  0);
      new Web3jChainRpc(chain.web3j).broadcast(stranger);
      chain.anvil.mine();

      assertThatThrownBy(() -> sending.get(1, TimeUnit.MINUTES))
          .hasCauseInstanceOf(NonceUsedElsewhereException.class)
          .hasMessageContaining("approve(1000) did not happen");
      assertThat(chain.allowance(key.address(), spender)).isEqualTo(1);
      assertThat(sender.resume()).as("the ledger's nonce 0 is behind the chain").isEmpty();
    } finally {
      chain.anvil.setAutomine(true);
    }
  }

  /** Sends through a container that stops between recording the transaction and broadcasting. */
  private RecordedTransaction crashAfterRecording(
      LocalKeySigner key, NonceLedger ledger, Address spender, long amount) {
    TransactionSender crashing =
        sender(
            new FailingBroadcasts(new Web3jChainRpc(chain.web3j), 1), key, ledger, testSettings());
    assertThatThrownBy(
            () ->
                crashing.send(
                    "approve(" + amount + ")", chain.token(), chain.approve(spender, amount)))
        .isInstanceOf(UncheckedIOException.class);
    List<RecordedTransaction> recorded = ledger.recordedFrom(key.address(), 0);
    assertThat(recorded).hasSize(1);
    assertThat(ledger.nextNonce(key.address())).isEqualTo(1);
    return recorded.get(0);
  }

  private RecordedTransaction awaitReplacementInPool(
      NonceLedger ledger, Address account, CompletableFuture<?> sending) throws Exception {
    return awaitInPool(ledger, account, sending, 1);
  }

  /** Polls until the ledger holds {@code replacements} and the node's pool has the latest. */
  private RecordedTransaction awaitInPool(
      NonceLedger ledger, Address account, CompletableFuture<?> sending, int replacements)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      assertThat(sending).as("the send is still waiting").isNotDone();
      List<RecordedTransaction> recorded = ledger.recordedFrom(account, 0);
      if (!recorded.isEmpty()
          && recorded.get(0).replacements() == replacements
          && chain.transaction(recorded.get(0).latest().hash()).isPresent()) {
        return recorded.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the awaited transaction did not reach the node within 30 s");
  }

  private static void assertAtLeastAnEighthMore(BigInteger raised, BigInteger before) {
    assertThat(raised.multiply(BigInteger.valueOf(8)))
        .as("%s is at least 12.5%% above %s", raised, before)
        .isGreaterThanOrEqualTo(before.multiply(BigInteger.valueOf(9)));
  }
}
