package dev.tollgate.client.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.client.GatewayUnreachableException;
import dev.tollgate.client.PaidNotServedException;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's process dies once its paid request's write has committed and before it answers: the
 * payment is taken, its answer is lost. The client sends the same payment again; the gateway that
 * comes back answers it from the record, and the payment counts once.
 */
class CrashAfterWriteTest {
  @RegisterExtension static final CrashStack stack = new CrashStack();

  @TempDir Path dir;

  @Test
  void theResentPaymentGetsTheRecordedAnswerAndIsChargedOnce() throws Exception {
    int port = GatewayProcess.freePort();
    GatewayProcess dying =
        stack.start(port, GatewayProcess.Child.crashing(CrashPoint.AFTER_WRITE, 3));
    URI base = dying.base();
    AtomicInteger exit = new AtomicInteger(-1);
    AtomicReference<GatewayBooks> atDeath = new AtomicReference<>();
    Signer key = CrashStack.newKey();
    ScriptedSleeper sleeper = new ScriptedSleeper();
    SentPayments payments = new SentPayments();
    TollgateClient client = stack.funded(base, key, dir.resolve("c.json"), sleeper, payments);
    List<String> served = new ArrayList<>();
    served.add(CrashStack.paid(client, base, "one"));
    served.add(CrashStack.paid(client, base, "two"));
    Channel before = client.channel();
    int sentBefore = payments.all().size();
    sleeper.onFirstSleep(
        () -> {
          exit.set(dying.awaitExit(CrashStack.DEATH_DEADLINE));
          atDeath.set(stack.books(client));
          assertThat(client.channel()).isEqualTo(before); // the answer never came
          stack.start(port, GatewayProcess.Child.clean());
        });

    served.add(CrashStack.paid(client, base, "three"));

    assertThat(exit.get()).as(dying.output()).isEqualTo(HaltOnPaidWrite.HALTED);
    // the dead gateway had written the third payment: the re-send was answered from the record
    assertThat(atDeath.get().paid()).hasSize(3).contains(served.get(2));
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
    List<String> sent = payments.from(sentBefore);
    assertThat(sent).hasSize(2).containsOnly(sent.get(0)); // the same payment, sent again
    assertThat(client.channel().nonce()).isEqualTo(before.nonce() + 2);
    stack.assertConsistent(base, key, client, served, 3);
  }

  @Test
  void whenEveryResendFailsTheNextCallFindsThePaymentAndCountsItOnce() throws Exception {
    int port = GatewayProcess.freePort();
    GatewayProcess dying =
        stack.start(port, GatewayProcess.Child.crashing(CrashPoint.AFTER_WRITE, 2));
    URI base = dying.base();
    Signer key = CrashStack.newKey();
    ScriptedSleeper sleeper = new ScriptedSleeper(); // waits for nothing: the gateway stays down
    SentPayments payments = new SentPayments();
    TollgateClient client = stack.funded(base, key, dir.resolve("c.json"), sleeper, payments);
    List<String> served = new ArrayList<>();
    served.add(CrashStack.paid(client, base, "one"));
    Channel before = client.channel();
    int sentBefore = payments.all().size();

    GatewayUnreachableException e =
        catchThrowableOfType(
            GatewayUnreachableException.class, () -> CrashStack.paid(client, base, "lost"));

    assertThat(dying.awaitExit(CrashStack.DEATH_DEADLINE))
        .as(dying.output())
        .isEqualTo(HaltOnPaidWrite.HALTED);
    assertThat(e).hasMessageContaining("after sending its payment 4 time(s)");
    assertThat(sleeper.sleeps())
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    List<String> lost = payments.from(sentBefore);
    assertThat(lost).hasSize(4).containsOnly(lost.get(0));
    assertThat(client.channel()).isEqualTo(before);
    GatewayBooks written = stack.books(client);
    assertThat(written.paid()).hasSize(2).containsAll(served);

    stack.start(port, GatewayProcess.Child.clean());
    served.add(CrashStack.paid(client, base, "after"));

    // its first create was built on the old state (409), the second on the caught-up one
    List<String> after = payments.from(sentBefore + 4);
    assertThat(after).hasSize(2).doesNotHaveDuplicates().doesNotContain(lost.get(0));
    // the lost payment is in the channel once, and the next call paid for itself
    stack.assertConsistent(base, key, client, served, 3);
    assertThat(stack.books(client).paid()).containsAll(written.paid());
  }

  @Test
  void aResendAfterItsQuoteExpiredFindsThePaymentTakenAndDoesNotPayAgain() throws Exception {
    int port = GatewayProcess.freePort();
    GatewayProcess dying =
        stack.start(port, GatewayProcess.Child.crashing(CrashPoint.AFTER_WRITE, 2));
    URI base = dying.base();
    Signer key = CrashStack.newKey();
    ScriptedSleeper sleeper = new ScriptedSleeper();
    SentPayments payments = new SentPayments();
    TollgateClient client = stack.funded(base, key, dir.resolve("c.json"), sleeper, payments);
    List<String> served = new ArrayList<>();
    served.add(CrashStack.paid(client, base, "one"));
    int sentBefore = payments.all().size();
    AtomicInteger exit = new AtomicInteger(-1);
    // the successor's clock runs past the quote's validity (300 s): it comes back too late
    sleeper.onFirstSleep(
        () -> {
          exit.set(dying.awaitExit(CrashStack.DEATH_DEADLINE));
          stack.start(port, GatewayProcess.Child.clean().withClockAhead(Duration.ofMinutes(10)));
        });

    PaidNotServedException e =
        catchThrowableOfType(
            PaidNotServedException.class, () -> CrashStack.paid(client, base, "late"));

    assertThat(exit.get()).as(dying.output()).isEqualTo(HaltOnPaidWrite.HALTED);
    assertThat(e).hasMessageContaining("quote had expired");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
    List<String> sent = payments.from(sentBefore);
    assertThat(sent).hasSize(2).containsOnly(sent.get(0)); // not paid a second time
    GatewayBooks books = stack.books(client);
    assertThat(books.paid()).hasSize(2).contains(e.transferId().toHex());
    stack.assertConsistent(base, key, client, served, 2);

    served.add(CrashStack.paid(client, base, "again"));
    stack.assertConsistent(base, key, client, served, 3);
  }
}
