package dev.tollgate.client.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.Sleeper;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.StoredTables;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's stack (anvil with the contracts, DynamoDB Local over HTTP) kept in the test's JVM,
 * with gateways in child JVMs ({@link GatewayProcess}) that die and are replaced on it; every child
 * a test started is stopped after it. Also what every crash test checks at the end: that no payment
 * was lost or counted twice.
 */
final class CrashStack implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  static final long DEPOSIT = 100_000;
  static final BigInteger PRICE = GatewayStack.ARTICLE_PRICE;

  /** How long a gateway told to crash may take to die once the payment reached it. */
  static final Duration DEATH_DEADLINE = Duration.ofSeconds(30);

  private static final SecureRandom RANDOM = new SecureRandom();

  private GatewayStack stack;
  private Path dir;
  private final List<GatewayProcess> started = new ArrayList<>();

  /** How far ahead of the wall clock the newest child gateway's clock runs. */
  private volatile long childClockLead;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("tollgate-crash");
    stack = GatewayStack.start();
  }

  /** Starts a gateway process on {@code port} with this stack's configuration. */
  synchronized GatewayProcess start(int port, GatewayProcess.Child child)
      throws IOException, InterruptedException {
    GatewayProcess gateway = GatewayProcess.start(dir, stack.properties(), port, child);
    started.add(gateway);
    childClockLead = child.clockAhead().toSeconds();
    return gateway;
  }

  /**
   * The newest child gateway's clock, for the clients: their signed channel reads must be timed by
   * the gateway that checks them, not by this JVM, when a child runs ahead.
   */
  Clock gatewayClock() {
    return () -> System.currentTimeMillis() / 1000 + childClockLead;
  }

  static Signer newKey() {
    return LocalKeySigner.random(RANDOM);
  }

  /**
   * A client of {@code gateway} whose channel is open and holds {@link #DEPOSIT}, credited by the
   * gateway; it waits with {@code sleeper} and sends through {@code http}.
   */
  TollgateClient funded(URI gateway, Signer key, Path stateFile, Sleeper sleeper, HttpClient http)
      throws Exception {
    TollgateClient client =
        TollgateClient.builder()
            .gateway(gateway)
            .signer(key)
            .stateFile(stateFile)
            .sleeper(sleeper)
            .httpClient(http)
            .clock(gatewayClock())
            .build();
    client.open();
    stack.fund(client.channelAddress(), BigInteger.valueOf(DEPOSIT));
    client.deposited(client.asset(), Uint256.of(DEPOSIT));
    return client;
  }

  /** Pays for article {@code slug}, which must be served; its transfer id. */
  static String paid(TollgateClient client, URI gateway, String slug) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(gateway.resolve(GatewayStack.ARTICLES + slug)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ChannelJson.parse(r.body()).get("transferId").asText();
  }

  GatewayBooks books(TollgateClient client) throws Exception {
    return GatewayBooks.of(stack, client.channelAddress());
  }

  /** Everything the gateway has stored, read from DynamoDB directly. */
  StoredTables.Snapshot stored() {
    return StoredTables.of(stack).snapshot();
  }

  /**
   * No payment lost or counted twice: the client's channel is the gateway's; nothing is left
   * locked; the gateway recorded {@code payments} payments, each served resource's among them once;
   * the payer's balance and the gateway's revenue add up to the deposit; and the gateway's whole
   * history, replayed from nothing by a fresh client's channel-core, ends where the client is.
   */
  void assertConsistent(
      URI gateway, Signer key, TollgateClient client, List<String> served, int payments)
      throws Exception {
    Channel mine = client.channel();
    Channel stored = client.gatewayChannel();
    // the client countersigns the gateway's resolve it takes in; the states are the same
    assertThat(stored.state()).isEqualTo(mine.state());
    assertThat(stored.activeTransfers()).isEmpty();
    GatewayBooks books = books(client);
    assertThat(books.locked()).isEmpty();
    assertThat(books.paid()).hasSize(payments).doesNotHaveDuplicates();
    assertThat(served).doesNotHaveDuplicates();
    assertThat(books.paid()).containsAll(served);

    int asset = stored.state().assetIndex(stack.token());
    BigInteger revenue = stored.state().balances().get(asset).amount(0).value();
    BigInteger payer = stored.state().balances().get(asset).amount(1).value();
    assertThat(revenue).isEqualTo(PRICE.multiply(BigInteger.valueOf(payments)));
    assertThat(payer.add(revenue)).isEqualTo(BigInteger.valueOf(DEPOSIT));
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(BigInteger.valueOf(DEPOSIT));

    Path fresh = Files.createTempDirectory(dir, "rebuilt").resolve("c.json");
    TollgateClient rebuilt =
        TollgateClient.builder()
            .gateway(gateway)
            .signer(key)
            .stateFile(fresh)
            .clock(gatewayClock())
            .build();
    assertThat(rebuilt.channel().state()).isEqualTo(mine.state());
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) throws Exception {
    try {
      for (GatewayProcess gateway : started) {
        gateway.close();
      }
    } finally {
      started.clear();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      if (dir != null) {
        try (var files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
