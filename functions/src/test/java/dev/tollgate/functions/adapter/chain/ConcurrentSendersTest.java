package dev.tollgate.functions.adapter.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.SentTransaction;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Two containers sending with one key through one ledger, and a third started after them. */
class ConcurrentSendersTest extends SenderChainTest {

  @Test
  void twoSendersSharingALedgerNeverReuseANonceAndARestartContinuesAfterThem() throws Exception {
    LocalKeySigner key = fundedKey();
    NonceLedger ledger = freshLedger();
    TransactionSender first = sender(key, ledger, testSettings());
    TransactionSender second = sender(key, ledger, testSettings());
    Address spender = chain.deployment.channelFactory();

    List<SentTransaction> sent = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(20);
    try {
      List<Future<SentTransaction>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long amount = 1_000 + i;
        futures.add(
            threads.submit(
                () -> first.send("approve#1", chain.token(), chain.approve(spender, amount))));
        futures.add(
            threads.submit(
                () ->
                    second.send("approve#2", chain.token(), chain.approve(spender, amount + 100))));
      }
      for (Future<SentTransaction> future : futures) {
        sent.add(future.get(2, TimeUnit.MINUTES));
      }
    } finally {
      threads.shutdownNow();
    }

    List<Long> nonces = new ArrayList<>();
    for (SentTransaction tx : sent) {
      nonces.add(chain.nonceOf(tx.hash()));
    }
    assertThat(nonces)
        .as("twenty transactions, one per nonce from 0")
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 20).boxed().toList());
    assertThat(sent).extracting(SentTransaction::hash).doesNotHaveDuplicates();
    assertThat(minedCount(key.address())).isEqualTo(20);
    assertThat(ledger.nextNonce(key.address())).isEqualTo(20);
    assertThat(ledger.recordedFrom(key.address(), 0))
        .extracting(RecordedTransaction::nonce)
        .containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());

    TransactionSender restarted = sender(key, ledger, testSettings());
    SentTransaction afterRestart =
        restarted.send("approve#3", chain.token(), chain.approve(spender, 7));
    assertThat(chain.nonceOf(afterRestart.hash())).isEqualTo(20);
  }

  @Test
  void noncesTheKeyUsedOutsideTheLedgerAreSkipped() throws Exception {
    LocalKeySigner key = fundedKey();
    NonceLedger ledger = freshLedger();
    TransactionSender sender = sender(key, ledger, testSettings());
    Address spender = chain.deployment.channelFactory();
    sender.send("approve", chain.token(), chain.approve(spender, 1));

    // The same key sends nonces 1 and 2 without the ledger, as another tool holding it might.
    Web3jChainRpc rpc = new Web3jChainRpc(chain.web3j);
    TransactionSigning elsewhere = new TransactionSigning(key);
    Fees fees = Fees.market(rpc.latestBaseFee(), rpc.suggestedPriorityFee());
    for (long nonce = 1; nonce <= 2; nonce++) {
      rpc.broadcast(
          elsewhere.sign(
              new UnsignedTransaction(
                  rpc.chainId(),
                  nonce,
                  chain.token(),
                  Hex.encode(chain.approve(spender, nonce)),
                  BigInteger.valueOf(100_000),
                  fees),
              0));
    }

    SentTransaction next = sender.send("approve", chain.token(), chain.approve(spender, 3));
    assertThat(chain.nonceOf(next.hash())).isEqualTo(3);
    assertThat(ledger.nextNonce(key.address())).isEqualTo(4);
    assertThat(ledger.recordedFrom(key.address(), 0))
        .extracting(RecordedTransaction::nonce)
        .containsExactly(0L, 3L);
  }
}
