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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real gateway on real HTTP: the functions harness's stack (anvil with the contracts, DynamoDB
 * Local over HTTP) behind the Netty server on a free loopback port. A test class registers one
 * ({@code @RegisterExtension static final LiveGateway gateway = new LiveGateway();}): it starts
 * before the class's first test and stops after its last.
 */
final class LiveGateway implements BeforeAllCallback, AfterAllCallback {
  static final BigInteger PRICE = GatewayStack.ARTICLE_PRICE;
  private static final SecureRandom RANDOM = new SecureRandom();

  GatewayStack stack;
  private ApplicationContext netty;
  URI base;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    stack = GatewayStack.start();
    try {
      netty = GatewayApplication.start(serverProperties());
      base = netty.getBean(EmbeddedServer.class).getURI();
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private Map<String, Object> serverProperties() {
    Map<String, Object> properties = new HashMap<>(stack.properties());
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1);
    return properties;
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
    ApplicationContext context = GatewayApplication.start(serverProperties());
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
  public void afterAll(ExtensionContext context) {
    try {
      if (netty != null) {
        netty.close();
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }
}
