package dev.tollgate.functions.snapstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.functions.paywall.PaidRequests;
import dev.tollgate.functions.paywall.PriceList;
import dev.tollgate.functions.paywall.PricedRoute;
import dev.tollgate.functions.paywall.QuoteNonces;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SnapStart runtime hooks. Before the snapshot, the paid request's code is run once
 * in-process so that the snapshot holds it loaded, linked and initialised (Micronaut's routing, the
 * x402 codecs, the quote MACs, the DynamoDB client, the native secp256k1 library): a {@code GET
 * /health}; an unpaid request to a priced route (its 402 quote); that quote paid from a channel
 * that cannot exist, which the gateway refuses as {@code channel_not_open} after reading the
 * channel table; one signature by the gateway's signer, recovered. Nothing of this writes to a
 * table, and the refused payment leaves the channel cache as it was.
 *
 * <p>After a restore, the randomness a snapshot freezes is drawn afresh: the quote nonces'
 * generator. The signer holds none to reseed: its ECDSA nonce and its blinding factor are both
 * derived per signature from the key and the digest (RFC 6979), so a restored copy signs exactly as
 * the original would, which is what RFC 6979 intends.
 *
 * <p>On a JVM without CRaC (everywhere but SnapStart) registering does nothing; {@code
 * tollgate.priming.at-init=true} runs the same priming in the init phase instead, which is how the
 * cold-start benchmark measures what priming buys.
 */
public final class GatewayPriming implements Resource {
  /** Whether the deployed handler registers the hooks; {@code true} unless set otherwise. */
  public static final String ENABLED = "tollgate.priming.enabled";

  /** Whether the deployed handler also primes in its init phase; {@code false} by default. */
  public static final String AT_INIT = "tollgate.priming.at-init";

  static final String RESOURCE_NAME = "tollgate-priming";
  private static final Bytes32 SIGNED_DIGEST =
      Keccak.hash("tollgate/priming/v1".getBytes(StandardCharsets.US_ASCII));
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.priming");

  private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
  private final Optional<PricedRoute> pricedRoute;
  private final Optional<Signer> signer;
  private final Optional<QuoteNonces> nonces;
  private final AtomicInteger sequence = new AtomicInteger();

  GatewayPriming(
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
      Optional<PricedRoute> pricedRoute,
      Optional<Signer> signer,
      Optional<QuoteNonces> nonces) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.pricedRoute = Objects.requireNonNull(pricedRoute, "pricedRoute");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  /**
   * The priming of {@code handler}, running on {@code context}: what it primes is what the context
   * has (a context without a chain has only {@code /health}; one without a paywall, no quote).
   */
  public static GatewayPriming of(
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
      ApplicationContext context) {
    Optional<PricedRoute> priced =
        context.containsBean(PaidRequests.class)
            ? context.findBean(PriceList.class).flatMap(GatewayPriming::firstPriced)
            : Optional.empty();
    return new GatewayPriming(
        handler, priced, context.findBean(Signer.class), context.findBean(QuoteNonces.class));
  }

  /**
   * What the deployed handler does at construction: unless {@value #ENABLED} is {@code false},
   * registers the priming with org.crac's global context (SnapStart calls it around the snapshot)
   * and, when {@value #AT_INIT} is {@code true}, primes at once. The caller keeps the returned
   * priming referenced for as long as the handler lives.
   */
  public static Optional<GatewayPriming> install(
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
      ApplicationContext context) {
    if (!context.getProperty(ENABLED, Boolean.class).orElse(true)) {
      return Optional.empty();
    }
    GatewayPriming priming = of(handler, context);
    org.crac.Core.getGlobalContext().register(priming);
    if (context.getProperty(AT_INIT, Boolean.class).orElse(false)) {
      priming.prime();
    }
    return Optional.of(priming);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    reseed();
  }

  /** Runs every priming request once; throws {@link PrimingFailedException} on a wrong answer. */
  public List<String> prime() {
    long started = System.nanoTime();
    List<String> done = new ArrayList<>();
    expectStatus(send("/health", Map.of()), 200, "GET /health");
    done.add("health");
    pricedRoute.ifPresent(
        route -> {
          String path = pathUnder(route);
          PaymentRequirements quote = quoteOf(path);
          done.add("quote");
          refusedAsUnopened(path, quote);
          done.add("unopened-channel payment");
        });
    signer.ifPresent(
        s -> {
          signAndRecover(s);
          done.add("sign+recover");
        });
    LOG.info(
        "primed in {} ms: {}", (System.nanoTime() - started) / 1_000_000, String.join(", ", done));
    return List.copyOf(done);
  }

  /** Draws the randomness a snapshot would have frozen afresh. */
  public void reseed() {
    nonces.ifPresent(QuoteNonces::reseed);
    LOG.info("reseeded after restore: {}", nonces.isPresent() ? "quote nonces" : "nothing");
  }

  private PaymentRequirements quoteOf(String path) {
    APIGatewayV2HTTPResponse r = send(path, Map.of());
    expectStatus(r, 402, "unpaid GET " + path);
    Checked<PaymentRequired> required =
        X402Headers.decodePaymentRequired(header(r, X402Headers.PAYMENT_REQUIRED, path));
    if (!required.isOk() || required.value().accepts().isEmpty()) {
      throw new PrimingFailedException("the 402 for " + path + " carries no readable quote");
    }
    return required.value().accepts().get(0);
  }

  private void refusedAsUnopened(String path, PaymentRequirements quote) {
    String what = "payment from channel " + UnopenedChannelPayment.CHANNEL + " for " + path;
    APIGatewayV2HTTPResponse r =
        send(
            path,
            Map.of(
                X402Headers.PAYMENT_SIGNATURE.toLowerCase(Locale.ROOT),
                UnopenedChannelPayment.header(path, quote)));
    expectStatus(r, 402, what);
    Checked<SettlementResponse> settlement =
        X402Headers.decodePaymentResponse(header(r, X402Headers.PAYMENT_RESPONSE, what));
    String reason =
        settlement.isOk()
            ? settlement.value().errorReason().orElse("(none)")
            : "(unreadable: " + settlement.refusal().errorReason() + ")";
    if (!PaywallReason.CHANNEL_NOT_OPEN.errorReason().equals(reason)) {
      throw new PrimingFailedException(
          what
              + " was refused as "
              + reason
              + ", not "
              + PaywallReason.CHANNEL_NOT_OPEN.errorReason());
    }
  }

  private static void signAndRecover(Signer signer) {
    Signature signature = signer.sign(SIGNED_DIGEST);
    Optional<Address> recovered = Secp256k1Signatures.recover(SIGNED_DIGEST, signature);
    if (!recovered.equals(Optional.of(signer.address()))) {
      throw new PrimingFailedException(
          "the signer's signature recovers to "
              + recovered.map(Address::toString).orElse("no address")
              + ", not its address "
              + signer.address());
    }
  }

  private APIGatewayV2HTTPResponse send(String path, Map<String, String> headers) {
    int n = sequence.incrementAndGet();
    return handler.handleRequest(
        PrimingEvents.get(path, headers, n),
        new PrimingContext(PrimingEvents.REQUEST_ID_PREFIX + n));
  }

  private static void expectStatus(APIGatewayV2HTTPResponse r, int status, String what) {
    if (r.getStatusCode() != status) {
      throw new PrimingFailedException(
          what + " answered " + r.getStatusCode() + ", not " + status + ": " + r.getBody());
    }
  }

  private static String header(APIGatewayV2HTTPResponse r, String name, String what) {
    Optional<String> single =
        Optional.ofNullable(r.getHeaders()).stream()
            .flatMap(h -> h.entrySet().stream())
            .filter(e -> e.getKey().equalsIgnoreCase(name))
            .map(Map.Entry::getValue)
            .findFirst();
    Optional<String> multi =
        Optional.ofNullable(r.getMultiValueHeaders()).stream()
            .flatMap(h -> h.entrySet().stream())
            .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
            .map(e -> e.getValue().get(0))
            .findFirst();
    return single
        .or(() -> multi)
        .orElseThrow(() -> new PrimingFailedException(what + " answered without " + name));
  }

  private static Optional<PricedRoute> firstPriced(PriceList prices) {
    return prices.routes().stream().filter(r -> !r.isFree()).findFirst();
  }

  private static String pathUnder(PricedRoute route) {
    String prefix = route.prefix();
    return prefix + (prefix.endsWith("/") ? "" : "/") + RESOURCE_NAME;
  }

  @Override
  public String toString() {
    return "GatewayPriming["
        + pricedRoute.map(PricedRoute::prefix).orElse("no priced route")
        + ", "
        + signer.map(s -> "signer " + s.address()).orElse("no signer")
        + "]";
  }
}
