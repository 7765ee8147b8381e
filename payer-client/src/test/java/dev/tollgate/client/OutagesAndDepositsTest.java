package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that cannot be reached, and deposits the gateway has not seen yet: the bounded retry
 * runs on the test's own clock and sleeper, so no test waits for real time.
 */
class OutagesAndDepositsTest {
  @RegisterExtension static final LiveGateway gateway = new LiveGateway();

  @TempDir Path dir;

  @Test
  void aGatewayThatIsNotThereIsNamed() throws Exception {
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort());
    TollgateClient client =
        TollgateClient.builder()
            .gateway(nowhere)
            .signer(LiveGateway.newKey())
            .stateFile(dir.resolve("c.json"))
            .build();

    GatewayUnreachableException paying =
        catchThrowableOfType(
            GatewayUnreachableException.class,
            () ->
                client.send(
                    HttpRequest.newBuilder(nowhere.resolve("/paid/articles/x")).build(),
                    HttpResponse.BodyHandlers.ofString()));
    GatewayUnreachableException opening =
        catchThrowableOfType(GatewayUnreachableException.class, client::open);

    assertThat(paying).hasMessageContaining(nowhere.toString());
    assertThat(opening).hasMessageContaining("GET /gateway");
    assertThat(dir.resolve("c.json")).doesNotExist();
  }

  @Test
  void aGatewayThatGoesAwayLeavesTheChannelAsItWas() throws Exception {
    Signer key = LiveGateway.newKey();
    Path file = dir.resolve("c.json");
    try (LiveGateway.Server second = gateway.anotherServer()) {
      TollgateClient client =
          TollgateClient.builder().gateway(second.base()).signer(key).stateFile(file).build();
      client.open();
      gateway.deposit(client, 10_000);
      paid(client, second.base().resolve("/paid/articles/before"));
      Channel before = client.channel();
      byte[] saved = Files.readAllBytes(file);

      second.stop();
      GatewayUnreachableException e =
          catchThrowableOfType(
              GatewayUnreachableException.class,
              () -> paid(client, second.base().resolve("/paid/articles/after")));

      assertThat(e).hasMessageContaining("unreachable");
      assertThat(client.channel()).isEqualTo(before);
      assertThat(Files.readAllBytes(file)).isEqualTo(saved);
      // the same channel through a server that is up: nothing was lost or taken twice
      TollgateClient again = gateway.client(key, file).build();
      assertThat(again.gatewayChannel().state()).isEqualTo(before.state());
      assertThat(again.balance().value())
          .isEqualTo(BigInteger.valueOf(10_000).subtract(LiveGateway.PRICE));
    }
  }

  @Test
  void aDepositIsPolledForUntilTheGatewayCreditsIt() throws Exception {
    FakeTime time = new FakeTime();
    TollgateClient client = time.client(dir.resolve("c.json"));
    client.open();
    Address channel = client.channelAddress();
    time.onFirstSleep = () -> gateway.stack.fund(channel, BigInteger.valueOf(5_000));

    client.deposited(client.asset(), Uint256.of(5_000), Duration.ofSeconds(30), time.poll);

    assertThat(time.sleeps).hasSize(1);
    assertThat(client.balance()).isEqualTo(Uint256.of(5_000));
    assertThat(client.gatewayChannel().state()).isEqualTo(client.channel().state());
  }

  @Test
  void aDepositNotCreditedByTheDeadlineIsReportedAndNothingChanges() throws Exception {
    FakeTime time = new FakeTime();
    TollgateClient client = time.client(dir.resolve("c.json"));
    client.open();
    Channel before = client.channel();

    DepositNotCreditedException e =
        catchThrowableOfType(
            DepositNotCreditedException.class,
            () ->
                client.deposited(
                    client.asset(), Uint256.of(5_000), Duration.ofSeconds(3), time.poll));

    // asked at 0, 1, 2 and 3 seconds: the deadline is reached after the fourth answer
    assertThat(time.sleeps).hasSize(3);
    assertThat(e.errorReason()).isEqualTo("no_new_deposit");
    assertThat(e).hasMessageContaining("after 4 attempt(s)");
    assertThat(client.channel()).isEqualTo(before);
    assertThat(client.gatewayChannel()).isEqualTo(before);
  }

  @Test
  void oneAttemptWithoutADepositOnChainIsRefusedAtOnce() throws Exception {
    FakeTime time = new FakeTime();
    TollgateClient client = time.client(dir.resolve("c.json"));
    client.open();

    DepositNotCreditedException e =
        catchThrowableOfType(
            DepositNotCreditedException.class,
            () -> client.deposited(client.asset(), Uint256.of(1)));

    assertThat(e.httpStatus()).isEqualTo(402);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void aDepositATwinAlreadyCreditedIsNotCreditedTwice() throws Exception {
    Signer key = LiveGateway.newKey();
    TollgateClient one = gateway.funded(key, dir.resolve("one.json"), 3_000);
    TollgateClient two = gateway.client(key, dir.resolve("two.json")).build();
    two.balance(); // started before the next deposit
    gateway.deposit(one, 2_000);

    // two reports the same on-chain deposit: its update is stale (409), and once caught up the
    // deposit is already in the channel
    two.deposited(two.asset(), Uint256.of(2_000));

    assertThat(two.balance()).isEqualTo(Uint256.of(5_000));
    assertThat(two.gatewayChannel().state()).isEqualTo(two.channel().state());
    assertThat(two.channel().state()).isEqualTo(one.channel().state());
  }

  private static void paid(TollgateClient client, URI uri) throws Exception {
    HttpResponse<String> r =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A clock that moves only when the client sleeps, recording every sleep. */
  private static final class FakeTime {
    final AtomicLong now = new AtomicLong(Instant.now().getEpochSecond());
    final Clock clock = now::get;
    final Duration poll = Duration.ofSeconds(1);
    final List<Duration> sleeps = new ArrayList<>();
    Step onFirstSleep = () -> {};

    interface Step {
      void run() throws Exception;
    }

    TollgateClient client(Path file) {
      return gateway
          .client(LiveGateway.newKey(), file)
          .clock(clock)
          .sleeper(
              d -> {
                sleeps.add(d);
                now.addAndGet(d.toSeconds());
                if (sleeps.size() == 1) {
                  try {
                    onFirstSleep.run();
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                }
              })
          .build();
    }
  }
}
