package dev.tollgate.client;

import static dev.tollgate.client.LiveGateway.PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client restarted from its state file, from a stale one (another client of the same key paid
 * meanwhile), and from none at all: each catches up from the gateway's history and pays on.
 */
class RestoreTest {
  @RegisterExtension static final LiveGateway gateway = new LiveGateway();

  @TempDir Path dir;

  @Test
  void aRestartedClientContinuesFromItsStateFile() throws Exception {
    Signer key = LiveGateway.newKey();
    Path file = dir.resolve("c.json");
    TollgateClient first = gateway.funded(key, file, 10_000);
    pay(first, "a", 3);
    Channel before = first.channel();

    TollgateClient restarted = gateway.client(key, file).build();

    assertThat(restarted.channel()).isEqualTo(before);
    pay(restarted, "b", 1);
    assertThat(restarted.balance().value()).isEqualTo(left(10_000, 4));
    assertThat(restarted.gatewayChannel().state()).isEqualTo(restarted.channel().state());
  }

  @Test
  void aStaleStateFileIsCaughtUpOnStart() throws Exception {
    Signer key = LiveGateway.newKey();
    Path file = dir.resolve("c.json");
    TollgateClient first = gateway.funded(key, file, 10_000);
    pay(first, "a", 2);
    Path stale = dir.resolve("stale.json");
    Files.copy(file, stale);
    pay(first, "b", 3); // paid after the copy was taken

    TollgateClient fromStale = gateway.client(key, stale).build();

    assertThat(fromStale.channel()).isEqualTo(first.channel());
    assertThat(fromStale.balance().value()).isEqualTo(left(10_000, 5));
    pay(fromStale, "c", 1);
    assertThat(fromStale.gatewayChannel().state()).isEqualTo(fromStale.channel().state());
    assertThat(new ChannelStateFile(stale).load(fromStale.channel())).contains(fromStale.channel());
  }

  @Test
  void aClientBehindATwinOfItsKeyCatchesUpOnTheConflictAndPays() throws Exception {
    Signer key = LiveGateway.newKey();
    TollgateClient one = gateway.funded(key, dir.resolve("one.json"), 10_000);
    TollgateClient two = gateway.client(key, dir.resolve("two.json")).build();
    assertThat(two.channel()).isEqualTo(one.channel()); // both started, both up to date

    pay(one, "x", 3); // two does not know
    pay(two, "y", 1); // its create is stale: 409, catch up, pay again

    assertThat(two.balance().value()).isEqualTo(left(10_000, 4));
    assertThat(two.gatewayChannel().state()).isEqualTo(two.channel().state());
    one.catchUp();
    assertThat(one.channel().state()).isEqualTo(two.channel().state());
  }

  @Test
  void aMissingStateFileIsRebuiltFromTheWholeHistory() throws Exception {
    Signer key = LiveGateway.newKey();
    TollgateClient first = gateway.funded(key, dir.resolve("c.json"), 1_000_000);
    // more updates than one page of history (100), so the catch-up reads several
    pay(first, "many", 60);

    Path fresh = dir.resolve("lost/c.json");
    TollgateClient rebuilt = gateway.client(key, fresh).build();

    assertThat(rebuilt.channel()).isEqualTo(first.channel());
    assertThat(rebuilt.channel().nonce()).isGreaterThan(GatewayApi.PAGE);
    assertThat(fresh).exists();
    pay(rebuilt, "after", 1);
    assertThat(rebuilt.balance().value()).isEqualTo(left(1_000_000, 61));
  }

  @Test
  void openingAgainWithANewFileRestoresInsteadOfOpening() throws Exception {
    Signer key = LiveGateway.newKey();
    TollgateClient first = gateway.funded(key, dir.resolve("c.json"), 5_000);

    TollgateClient again = gateway.client(key, dir.resolve("again.json")).build();
    again.open();

    assertThat(again.channel()).isEqualTo(first.channel());
  }

  @Test
  void aStateFileOfAnotherChannelIsRefused() throws Exception {
    Path file = dir.resolve("c.json");
    gateway.funded(LiveGateway.newKey(), file, 5_000);

    TollgateClient otherKey = gateway.client(LiveGateway.newKey(), file).build();

    assertThatThrownBy(otherKey::balance)
        .isInstanceOf(ChannelStateException.class)
        .hasMessageContaining("holds another channel");
  }

  /**
   * The client signs its channel reads with its own clock; an hour off, the gateway refuses them
   * for their time, and the client says so rather than taking its channel for unknown.
   */
  @Test
  void aClientWhoseClockIsAnHourOffIsRefusedItsReadsForTheirTime() throws Exception {
    Signer key = LiveGateway.newKey();
    Path file = dir.resolve("c.json");
    gateway.funded(key, file, 5_000);
    long now = java.time.Instant.now().getEpochSecond();

    TollgateClient ahead = gateway.client(key, file).clock(() -> now + 3_600).build();

    assertThatThrownBy(ahead::balance)
        .isInstanceOf(RefusedException.class)
        .hasMessageContaining("unauthorized")
        .hasMessageContaining("in the future");
    assertThat(Files.exists(file)).as("the state file is kept").isTrue();
  }

  private static void pay(TollgateClient client, String prefix, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(gateway.article(prefix + "-" + i)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }

  private static BigInteger left(long deposit, int paid) {
    return BigInteger.valueOf(deposit).subtract(PRICE.multiply(BigInteger.valueOf(paid)));
  }
}
