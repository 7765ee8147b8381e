package dev.tollgate.client.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.client.GatewayUnreachableException;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.functions.harness.StoredTables;
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
 * The gateway's process dies after it countersigned the payer's create and signed its resolve,
 * before its write reached DynamoDB: nothing was taken. The client sends the same payment again;
 * the gateway that comes back takes it as new, and it counts once.
 */
class CrashBeforeWriteTest {
  @RegisterExtension static final CrashStack stack = new CrashStack();

  @TempDir Path dir;

  @Test
  void theResentPaymentIsTakenOnceByTheRestartedGateway() throws Exception {
    int port = GatewayProcess.freePort();
    GatewayProcess dying =
        stack.start(port, GatewayProcess.Child.crashing(CrashPoint.BEFORE_WRITE, 3));
    URI base = dying.base();
    AtomicInteger exit = new AtomicInteger(-1);
    AtomicReference<StoredTables.Snapshot> atDeath = new AtomicReference<>();
    Signer key = CrashStack.newKey();
    ScriptedSleeper sleeper = new ScriptedSleeper();
    SentPayments payments = new SentPayments();
    TollgateClient client = stack.funded(base, key, dir.resolve("c.json"), sleeper, payments);
    List<String> served = new ArrayList<>();
    served.add(CrashStack.paid(client, base, "one"));
    served.add(CrashStack.paid(client, base, "two"));
    Channel before = client.channel();
    StoredTables.Snapshot storedBefore = stack.stored();
    int sentBefore = payments.all().size();
    sleeper.onFirstSleep(
        () -> {
          exit.set(dying.awaitExit(CrashStack.DEATH_DEADLINE));
          atDeath.set(stack.stored());
          stack.start(port, GatewayProcess.Child.clean());
        });

    served.add(CrashStack.paid(client, base, "three"));

    assertThat(exit.get()).as(dying.output()).isEqualTo(HaltOnPaidWrite.HALTED);
    assertThat(atDeath.get()).isEqualTo(storedBefore); // the dead attempt stored nothing
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
    List<String> sent = payments.from(sentBefore);
    assertThat(sent).hasSize(2).containsOnly(sent.get(0)); // the same payment, sent again
    assertThat(client.channel().nonce()).isEqualTo(before.nonce() + 2);
    stack.assertConsistent(base, key, client, served, 3);
  }

  @Test
  void whenEveryResendFailsNothingWasPaidAndTheNextCallPaysOnce() throws Exception {
    int port = GatewayProcess.freePort();
    GatewayProcess dying =
        stack.start(port, GatewayProcess.Child.crashing(CrashPoint.BEFORE_WRITE, 2));
    URI base = dying.base();
    Signer key = CrashStack.newKey();
    ScriptedSleeper sleeper = new ScriptedSleeper(); // waits for nothing: the gateway stays down
    SentPayments payments = new SentPayments();
    TollgateClient client = stack.funded(base, key, dir.resolve("c.json"), sleeper, payments);
    List<String> served = new ArrayList<>();
    served.add(CrashStack.paid(client, base, "one"));
    Channel before = client.channel();
    StoredTables.Snapshot storedBefore = stack.stored();
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
    assertThat(stack.stored()).isEqualTo(storedBefore);

    stack.start(port, GatewayProcess.Child.clean());
    served.add(CrashStack.paid(client, base, "after"));

    // nothing stood in its way: one create, on the state the lost one was built on
    assertThat(payments.from(sentBefore + 4)).hasSize(1).doesNotContain(lost.get(0));
    stack.assertConsistent(base, key, client, served, 2);
  }

  @Test
  void aResendAfterItsQuoteExpiredPaysOnceWithAFreshQuote() throws Exception {
    int port = GatewayProcess.freePort();
    GatewayProcess dying =
        stack.start(port, GatewayProcess.Child.crashing(CrashPoint.BEFORE_WRITE, 2));
    URI base = dying.base();
    Signer key = CrashStack.newKey();
    ScriptedSleeper sleeper = new ScriptedSleeper();
    SentPayments payments = new SentPayments();
    TollgateClient client = stack.funded(base, key, dir.resolve("c.json"), sleeper, payments);
    List<String> served = new ArrayList<>();
    served.add(CrashStack.paid(client, base, "one"));
    int sentBefore = payments.all().size();
    // the successor's clock runs past the quote's validity (300 s): it comes back too late
    AtomicInteger exit = new AtomicInteger(-1);
    sleeper.onFirstSleep(
        () -> {
          exit.set(dying.awaitExit(CrashStack.DEATH_DEADLINE));
          stack.start(port, GatewayProcess.Child.clean().withClockAhead(Duration.ofMinutes(10)));
        });

    served.add(CrashStack.paid(client, base, "late"));

    assertThat(exit.get()).as(dying.output()).isEqualTo(HaltOnPaidWrite.HALTED);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
    // sent, sent again (refused: quote_expired, and not in the gateway's history), paid anew
    List<String> sent = payments.from(sentBefore);
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1)).isEqualTo(sent.get(0));
    assertThat(sent.get(2)).isNotEqualTo(sent.get(0));
    stack.assertConsistent(base, key, client, served, 2);
  }
}
