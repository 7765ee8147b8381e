package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Uint256;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payments that are refused, by the client before signing or by the gateway, and a publisher's API
 * paid through {@code /settle}. A refusal changes nothing: not the gateway's stored channel, not
 * the client's, not its state file.
 */
class RefusalsTest {
  @RegisterExtension static final LiveGateway gateway = new LiveGateway();
  private static TestPublisher publisher;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    publisher = TestPublisher.start(gateway.base);
  }

  @AfterAll
  static void stop() {
    if (publisher != null) {
      publisher.close();
    }
  }

  @Test
  void aPublishersApiIsPaidThroughSettle() throws Exception {
    TollgateClient client = gateway.funded(LiveGateway.newKey(), dir.resolve("c.json"), 10_000);

    HttpResponse<String> r = call(client, "/api/quote?symbol=ACME");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("ACME");
    assertThat(client.balance()).isEqualTo(Uint256.of(10_000 - 1_500));
    assertThat(client.gatewayChannel().state()).isEqualTo(client.channel().state());
  }

  @Test
  void aBalanceTooSmallIsRefusedBeforeSigning() throws Exception {
    Path file = dir.resolve("c.json");
    TollgateClient client = gateway.funded(LiveGateway.newKey(), file, 2_000);
    call(client, "/api/quote?symbol=ONE"); // 1500 paid, 500 left
    Snapshot before = Snapshot.of(client, file);

    InsufficientBalanceException e =
        catchThrowableOfType(
            InsufficientBalanceException.class, () -> call(client, "/api/quote?symbol=TWO"));

    assertThat(e.errorReason()).isEqualTo("insufficient_balance");
    assertThat(e.price()).isEqualTo(Uint256.of(1_500));
    assertThat(e.balance()).isEqualTo(Uint256.of(500));
    before.assertUnchanged(client, file);
  }

  @Test
  void aTwinsSpendingIsFoundOnTheConflictAndNothingIsTaken() throws Exception {
    Signer key = LiveGateway.newKey();
    Path file = dir.resolve("one.json");
    TollgateClient one = gateway.funded(key, file, 2_000);
    TollgateClient two = gateway.client(key, dir.resolve("two.json")).build();
    two.balance(); // started and up to date
    call(two, "/api/quote?symbol=TWIN"); // 500 left; one still believes 2000
    Channel stored = one.gatewayChannel();

    InsufficientBalanceException e =
        catchThrowableOfType(
            InsufficientBalanceException.class, () -> call(one, "/api/quote?symbol=ONE"));

    assertThat(e.balance()).isEqualTo(Uint256.of(500));
    assertThat(one.gatewayChannel()).isEqualTo(stored);
    assertThat(one.channel().state()).isEqualTo(stored.state()); // caught up, nothing more
  }

  @Test
  void theGatewaysRefusalIsThrownWithItsReasonAndChangesNothing() throws Exception {
    Path file = dir.resolve("c.json");
    TollgateClient client = gateway.funded(LiveGateway.newKey(), file, 10_000);
    Snapshot before = Snapshot.of(client, file);

    PaymentRefusedException e =
        catchThrowableOfType(
            PaymentRefusedException.class, () -> call(client, "/api/misnamed?symbol=X"));

    assertThat(e.httpStatus()).isEqualTo(402);
    assertThat(e.errorReason()).isEqualTo("resource_mismatch");
    assertThat(e.detail()).isNotBlank();
    before.assertUnchanged(client, file);
    // and the channel still pays
    assertThat(call(client, "/api/quote?symbol=OK").statusCode()).isEqualTo(200);
  }

  @Test
  void aPriceAboveTheCallersLimitIsRefusedBeforeSigning() throws Exception {
    Signer key = LiveGateway.newKey();
    Path file = dir.resolve("c.json");
    gateway.funded(key, file, 10_000);
    TollgateClient capped = gateway.client(key, file).maxPrice(Uint256.of(1_499)).build();
    Snapshot before = Snapshot.of(capped, file);

    PaymentRefusedException e =
        catchThrowableOfType(
            PaymentRefusedException.class, () -> call(capped, "/api/quote?symbol=DEAR"));

    assertThat(e.errorReason()).isEqualTo("price_above_limit");
    before.assertUnchanged(capped, file);
  }

  @Test
  void payingBeforeOpeningTheChannelSaysSo() throws Exception {
    TollgateClient client = gateway.client(LiveGateway.newKey(), dir.resolve("c.json")).build();

    PaymentRefusedException e =
        catchThrowableOfType(
            PaymentRefusedException.class, () -> call(client, "/api/quote?symbol=NEW"));

    assertThat(e.errorReason()).isEqualTo("channel_not_open");
    assertThat(dir.resolve("c.json")).doesNotExist();
  }

  @Test
  void aPublisherThatCannotReachTheGatewayToSettleIsReportedAsSuch() throws Exception {
    Path file = dir.resolve("c.json");
    TollgateClient client = gateway.funded(LiveGateway.newKey(), file, 10_000);
    Snapshot before = Snapshot.of(client, file);

    GatewayUnreachableException e =
        catchThrowableOfType(
            GatewayUnreachableException.class, () -> call(client, "/api/cut-off?symbol=X"));

    assertThat(e).hasMessageContaining("502");
    before.assertUnchanged(client, file);
  }

  private static HttpResponse<String> call(TollgateClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(publisher.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Both sides' channel and the state file's bytes, to show a refusal moved none of them. */
  private record Snapshot(Channel stored, Channel mine, byte[] file) {
    static Snapshot of(TollgateClient client, Path file) throws Exception {
      return new Snapshot(client.gatewayChannel(), client.channel(), Files.readAllBytes(file));
    }

    void assertUnchanged(TollgateClient client, Path path) throws Exception {
      assertThat(client.gatewayChannel()).isEqualTo(stored);
      assertThat(client.channel()).isEqualTo(mine);
      assertThat(Files.readAllBytes(path)).isEqualTo(file);
    }
  }
}
