package dev.tollgate.functions.fuzz;

import dev.tollgate.core.port.Clock;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.read.SignedRead;
import dev.tollgate.functions.GatewayApplication;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway under fuzz: the harness's stack (anvil with the contracts, DynamoDB Local over HTTP)
 * behind the Netty server on a loopback port, with a second priced route ({@link #API}) at another
 * price, so a payment for one route can be sent to the other.
 */
final class FuzzGateway implements AutoCloseable {
  static final String API = "/paid/api/";
  static final BigInteger API_PRICE = BigInteger.valueOf(2_500);

  private final GatewayStack stack;
  private final ApplicationContext netty;
  private final URI base;
  private final HttpClient http;

  private FuzzGateway(GatewayStack stack, ApplicationContext netty) {
    this.stack = stack;
    this.netty = netty;
    this.base = netty.getBean(EmbeddedServer.class).getURI();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  static FuzzGateway start() throws Exception {
    GatewayStack stack = GatewayStack.start();
    try {
      Map<String, Object> properties = new HashMap<>(stack.properties());
      properties.put("micronaut.server.host", "127.0.0.1");
      properties.put("micronaut.server.port", -1);
      properties.put("tollgate.paywall.routes.api.prefix", API);
      properties.put("tollgate.paywall.routes.api.price", API_PRICE.toString());
      properties.put("tollgate.paywall.routes.api.description", "One API call");
      return new FuzzGateway(stack, GatewayApplication.start(properties));
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  GatewayStack stack() {
    return stack;
  }

  /** The Netty server's context: the gateway's own beans (its quote book, its paid requests). */
  ApplicationContext context() {
    return netty;
  }

  URI base() {
    return base;
  }

  Answer send(FuzzCase c) throws IOException, InterruptedException {
    if (c.raw().isPresent()) {
      return RawHttp.get(base, c.path(), X402Headers.PAYMENT_SIGNATURE, c.raw().get());
    }
    return get(c.path(), c.headers());
  }

  Answer get(String path, List<String> paymentSignatures) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    for (String value : paymentSignatures) {
      request.header(X402Headers.PAYMENT_SIGNATURE, value);
    }
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      return Answer.none(e.toString());
    }
  }

  /**
   * {@code GET path} of {@code payer}'s channel with its {@code TOLLGATE-AUTH}, timed by this
   * server's clock.
   */
  Answer read(String path, HttpPayer payer) throws IOException, InterruptedException {
    long now = netty.getBean(Clock.class).nowSeconds();
    String header =
        SignedRead.sign(payer.payer().party().signer(), "GET", path, payer.channel(), now).header();
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .header(SignedRead.HEADER, header)
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.headers().map(), r.body());
  }

  /** The requirement of a fresh 402 for {@code path}, over HTTP. */
  PaymentRequirements quote(String path) throws IOException, InterruptedException {
    Answer unpaid = get(path, List.of());
    if (unpaid.status() != 402) {
      throw new AssertionError("expected a 402 for " + path + ", got " + unpaid);
    }
    return X402Headers.decodePaymentRequired(unpaid.header(X402Headers.PAYMENT_REQUIRED).get())
        .value()
        .accepts()
        .get(0);
  }

  /**
   * {@code payer} pays for {@code path} over HTTP as a client library would, and takes the
   * countersigned create and the gateway's resolve into its view. Returns the header it sent.
   */
  String pay(HttpPayer payer, String path) throws IOException, InterruptedException {
    PaymentRequirements accepted = quote(path);
    String header = HttpPayer.paymentHeader(path, accepted, payer.createFor(accepted));
    Answer paid = get(path, List.of(header));
    if (paid.status() != 200) {
      throw new AssertionError("a genuine payment for " + path + " was refused: " + paid);
    }
    Checked<SettlementResponse> settlement =
        X402Headers.decodePaymentResponse(paid.header(X402Headers.PAYMENT_RESPONSE).orElseThrow());
    payer
        .payer()
        .accept(
            List.of(
                settlement.value().createUpdate().orElseThrow(),
                settlement.value().resolveUpdate().orElseThrow()),
            ChainInputs.at(HttpPayer.now()));
    return header;
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
