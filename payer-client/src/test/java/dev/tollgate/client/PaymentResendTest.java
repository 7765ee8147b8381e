package dev.tollgate.client;

import static dev.tollgate.client.LiveGateway.PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.client.FlakyHttpClient.Fault;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-send of a paid request whose answer was lost, against the real gateway in this JVM with
 * the failures scripted into the client's HTTP: what is sent again, how long the client waits in
 * between (its sleeper, recording instead of waiting), and that the payment counts once. The crash
 * tests ({@code crash/}) do the same with a gateway process that really dies.
 */
class PaymentResendTest {
  @RegisterExtension static final LiveGateway gateway = new LiveGateway();
  private static final long DEPOSIT = 10_000;

  @TempDir Path dir;

  private final List<Duration> sleeps = new ArrayList<>();

  @Test
  void aLostAnswerIsFetchedBySendingTheSamePaymentAgain() throws Exception {
    FlakyHttpClient http = new FlakyHttpClient().then(Fault.LOSE_ANSWER, 1);
    TollgateClient client = funded(http, b -> b);
    Channel before = client.channel();

    HttpResponse<String> r = get(client, "lost-once");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(sleeps).containsExactly(Duration.ofMillis(500));
    List<String> sent = http.sentPayments();
    assertThat(sent).hasSize(2).containsOnly(sent.get(0));
    assertThat(client.channel().nonce()).isEqualTo(before.nonce() + 2);
    assertPaidOnlyFor(client, 1);
  }

  @Test
  void aPaymentThatNeverArrivedIsSentAgainAndTakenOnce() throws Exception {
    FlakyHttpClient http = new FlakyHttpClient().then(Fault.REFUSE, 2);
    TollgateClient client = funded(http, b -> b);

    HttpResponse<String> r = get(client, "refused-twice");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(http.sentPayments()).hasSize(3).containsOnly(http.sentPayments().get(0));
    assertPaidOnlyFor(client, 1);
  }

  @Test
  void aBusyGatewayIsAskedAgainAfterItsRetryAfterAndTakesThePaymentOnce() throws Exception {
    FlakyHttpClient http = new FlakyHttpClient().then(Fault.BUSY, 2);
    TollgateClient client = funded(http, b -> b);

    HttpResponse<String> r = get(client, "busy-twice");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    // Retry-After: 1 is longer than the first wait (0.5 s), as long as the second (1 s)
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(http.sentPayments()).hasSize(3).containsOnly(http.sentPayments().get(0));
    assertPaidOnlyFor(client, 1);
  }

  @Test
  void aPaymentTakenBeforeThe503IsAnsweredFromTheRecordOnTheResend() throws Exception {
    FlakyHttpClient http = new FlakyHttpClient().then(Fault.BUSY_AFTER_TAKING, 1);
    TollgateClient client = funded(http, b -> b);
    Channel before = client.channel();

    HttpResponse<String> r = get(client, "taken-then-busy");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(http.sentPayments()).hasSize(2).containsOnly(http.sentPayments().get(0));
    assertThat(client.channel().nonce()).isEqualTo(before.nonce() + 2);
    assertPaidOnlyFor(client, 1);
  }

  @Test
  void aGatewayBusyOnEveryAttemptGivesThe503AndTheNextCallPaysOnce() throws Exception {
    FlakyHttpClient http = new FlakyHttpClient().then(Fault.BUSY, 4);
    TollgateClient client = funded(http, b -> b);

    HttpResponse<String> r = get(client, "busy-always");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(http.sentPayments()).hasSize(4);
    assertPaidOnlyFor(client, 0);
    assertThat(get(client, "busy-over").statusCode()).isEqualTo(200);
    assertPaidOnlyFor(client, 1);
  }

  @Test
  void whenEveryAttemptIsLostTheCallFailsAndTheNextOneReconciles() throws Exception {
    FlakyHttpClient http = new FlakyHttpClient().then(Fault.LOSE_ANSWER, 4);
    TollgateClient client = funded(http, b -> b);
    Channel before = client.channel();

    GatewayUnreachableException e =
        catchThrowableOfType(GatewayUnreachableException.class, () -> get(client, "lost"));

    assertThat(e).hasMessageContaining("after sending its payment 4 time(s)");
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(client.channel()).isEqualTo(before);
    // the gateway took the payment once, however often it was sent
    assertThat(client.gatewayChannel().nonce()).isEqualTo(before.nonce() + 2);

    HttpResponse<String> r = get(client, "next");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertPaidOnlyFor(client, 2);
  }

  @Test
  void theBuildersScheduleIsKept() throws Exception {
    FlakyHttpClient http = new FlakyHttpClient().then(Fault.REFUSE, 2);
    TollgateClient client = funded(http, b -> b.paymentRetries(1, Duration.ofSeconds(3)));
    Channel before = client.channel();

    assertThatThrownBy(() -> get(client, "x"))
        .isInstanceOf(GatewayUnreachableException.class)
        .hasMessageContaining("after sending its payment 2 time(s)");

    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(client.gatewayChannel().state()).isEqualTo(before.state());
  }

  @Test
  void noRetriesSendsAPaymentOnce() throws Exception {
    FlakyHttpClient http = new FlakyHttpClient().then(Fault.REFUSE, 1);
    TollgateClient client = funded(http, b -> b.paymentRetries(0, Duration.ZERO));

    assertThatThrownBy(() -> get(client, "x"))
        .isInstanceOf(GatewayUnreachableException.class)
        .hasMessageContaining("after sending its payment 1 time(s)");

    assertThat(sleeps).isEmpty();
    assertThat(http.sentPayments()).hasSize(1);
  }

  @Test
  void aRetryCountOutsideTheRangeIsRefused() {
    TollgateClient.Builder b = TollgateClient.builder();
    assertThatThrownBy(() -> b.paymentRetries(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got -1");
    assertThatThrownBy(() -> b.paymentRetries(11, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 11");
    assertThatThrownBy(() -> b.paymentRetries(3, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-0.001S");
  }

  private interface Options {
    TollgateClient.Builder apply(TollgateClient.Builder b);
  }

  private TollgateClient funded(FlakyHttpClient http, Options options) throws Exception {
    Signer key = LiveGateway.newKey();
    TollgateClient client =
        options
            .apply(gateway.client(key, dir.resolve("c.json")).httpClient(http).sleeper(sleeps::add))
            .build();
    client.open();
    gateway.deposit(client, DEPOSIT);
    return client;
  }

  private static HttpResponse<String> get(TollgateClient client, String slug) throws Exception {
    return client.send(
        HttpRequest.newBuilder(gateway.article(slug)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code payments} prices taken, both sides agreeing, nothing locked. */
  private static void assertPaidOnlyFor(TollgateClient client, int payments) throws Exception {
    BigInteger spent = PRICE.multiply(BigInteger.valueOf(payments));
    Channel stored = client.gatewayChannel();
    // the client countersigns the gateway's resolve it takes in; the states are the same
    assertThat(stored.state()).isEqualTo(client.channel().state());
    assertThat(stored.activeTransfers()).isEmpty();
    assertThat(client.balance().value()).isEqualTo(BigInteger.valueOf(DEPOSIT).subtract(spent));
  }
}
