package dev.tollgate.client;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.GatewayApplication;
import dev.tollgate.functions.harness.GatewayStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The real gateway on real HTTP: the functions harness's stack (anvil with the contracts, DynamoDB
 * Local over HTTP) behind the Netty server on a free loopback port.
 */
final class LiveGateway implements AutoCloseable {
  static final BigInteger PRICE = GatewayStack.ARTICLE_PRICE;
  private static final SecureRandom RANDOM = new SecureRandom();

  final GatewayStack stack;
  private final ApplicationContext netty;
  final URI base;

  private LiveGateway(GatewayStack stack, ApplicationContext netty) {
    this.stack = stack;
    this.netty = netty;
    this.base = netty.getBean(EmbeddedServer.class).getURI();
  }

  static LiveGateway start() throws Exception {
    GatewayStack stack = GatewayStack.start();
    try {
      Map<String, Object> properties = new HashMap<>(stack.properties());
      properties.put("micronaut.server.host", "127.0.0.1");
      properties.put("micronaut.server.port", -1);
      return new LiveGateway(stack, GatewayApplication.start(properties));
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  static Signer newKey() {
    return LocalKeySigner.random(RANDOM);
  }

  URI article(String slug) {
    return base.resolve(GatewayStack.ARTICLES + slug);
  }

  TollgateClient.Builder client(Signer key, Path stateFile) {
    return TollgateClient.builder().gateway(base).signer(key).stateFile(stateFile);
  }

  /** A client whose channel is open and holds {@code deposit}, credited by the gateway. */
  TollgateClient funded(Signer key, Path stateFile, long deposit) throws Exception {
    TollgateClient client = client(key, stateFile).build();
    client.open();
    deposit(client, deposit);
    return client;
  }

  /** Sends {@code amount} to the channel on chain and has the gateway credit it. */
  void deposit(TollgateClient client, long amount) throws Exception {
    stack.fund(client.channelAddress(), BigInteger.valueOf(amount));
    client.deposited(client.asset(), Uint256.of(amount));
  }

  /** A second gateway server on the same stack (same tables, same key), to stop at will. */
  Server anotherServer() {
    Map<String, Object> properties = new HashMap<>(stack.properties());
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1);
    ApplicationContext context = GatewayApplication.start(properties);
    return new Server(context, context.getBean(EmbeddedServer.class).getURI());
  }

  record Server(ApplicationContext context, URI base) implements AutoCloseable {
    /** Stops this server: the gateway is unreachable through it. */
    void stop() {
      if (context.isRunning()) {
        context.close();
      }
    }

    @Override
    public void close() {
      stop();
    }
  }

  @Override
  public void close() {
    try {
      netty.close();
    } finally {
      stack.close();
    }
  }
}
