package dev.tollgate.functions.security;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.read.SignedRead;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A stranger's best well-formed attempt at each route of the gateway, aimed at a victim's channel
 * and payments: no credentials of the victim's, and where a route wants a signature, the stranger's
 * own key's over the victim's genuine update. A route without an attempt here fails the route table
 * test, so a new route cannot ship without being tried.
 */
final class StrangerRequests {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a stranger can know of the victim: the public channel address, captured traffic. */
  record Victim(
      Address channel,
      Bytes32 openTransferId,
      Supplier<ChannelUpdate> nextDeposit,
      Supplier<ChannelUpdate> nextPayment,
      Supplier<ChannelUpdate> nextWithdrawal,
      Address withdrawalRecipient,
      String capturedPaymentPayloadJson,
      String paidResource,
      Supplier<String> strangersOwnSetupJson) {}

  private final URI base;
  private final Victim victim;
  private final Clock gatewayClock;
  private final LocalKeySigner stranger = LocalKeySigner.random(RANDOM);

  /**
   * @param gatewayClock the served gateway's clock, so a signed read is refused for its signer and
   *     never for its time
   */
  StrangerRequests(URI base, Victim victim, Clock gatewayClock) {
    this.base = base;
    this.victim = victim;
    this.gatewayClock = gatewayClock;
  }

  /** The attempt for {@code routeKey}, if this class knows one. */
  Optional<HttpRequest> attemptOn(String routeKey) {
    String channel = "/channels/" + victim.channel().toChecksumHex();
    return Optional.ofNullable(
        switch (routeKey) {
          case "GET /health" -> get("/health");
          case "GET /gateway" -> get("/gateway");
          case "GET /supported" -> get("/supported");
          case "POST /channels" -> post("/channels", victim.strangersOwnSetupJson().get());
          case "GET /channels/{address}" -> signedRead(channel);
          case "GET /channels/{address}/updates" ->
              signedRead(channel + "/updates?after=0&limit=100");
          case "POST /channels/{address}/deposits" ->
              post(channel + "/deposits", updateBody(resigned(victim.nextDeposit().get())));
          case "POST /channels/{address}/transfers" ->
              post(channel + "/transfers", updateBody(resigned(victim.nextPayment().get())));
          case "POST /channels/{address}/transfers/{transferId}/resolve" ->
              post(
                  channel + "/transfers/" + victim.openTransferId().toHex() + "/resolve",
                  "{\"preImage\":\"" + Bytes32.of(randomBytes()).toHex() + "\"}");
          case "POST /channels/{address}/withdrawals" ->
              post(
                  channel + "/withdrawals",
                  "{\"update\":"
                      + ChannelJson.write(
                          ChannelJson.toJson(resigned(victim.nextWithdrawal().get())))
                      + ",\"recipient\":\""
                      + victim.withdrawalRecipient().toChecksumHex()
                      + "\"}");
          case "GET /paid/{path+}" -> get(victim.paidResource());
          case "POST /paid/{path+}" -> post(victim.paidResource(), "{\"payment\":\"none\"}");
          case "POST /quote" ->
              asPublisher(
                  "/quote",
                  "{\"resource\":{\"url\":\"" + victim.paidResource() + "\"},\"amount\":\"1\"}");
          case "POST /verify" -> asPublisher("/verify", facilitatorBody());
          case "POST /settle" -> asPublisher("/settle", facilitatorBody());
          case "GET /operator/revenue" -> operator("/operator/revenue");
          case "GET /operator/payments" -> operator("/operator/payments");
          case "GET /operator/channels" -> operator("/operator/channels");
          case "GET /operator/disputes" -> operator("/operator/disputes");
          default -> null;
        });
  }

  /** The victim's genuine payment, captured, offered to the facilitator at a price of one unit. */
  private String facilitatorBody() {
    return "{\"paymentPayload\":"
        + victim.capturedPaymentPayloadJson()
        + ",\"resource\":\""
        + victim.paidResource()
        + "\",\"price\":\"1\"}";
  }

  /** The victim's update with its payer's signature replaced by the stranger's. */
  private ChannelUpdate resigned(ChannelUpdate genuine) {
    ChannelUpdate unsigned = genuine.unsigned();
    Bytes32 digest =
        Keccak.hash(
            ChannelJson.write(ChannelJson.toJson(unsigned)).getBytes(StandardCharsets.UTF_8));
    Signature forged = stranger.sign(digest);
    return unsigned.withSignatures(Optional.empty(), Optional.of(forged));
  }

  private static String updateBody(ChannelUpdate update) {
    return "{\"update\":" + ChannelJson.write(ChannelJson.toJson(update)) + "}";
  }

  /** A well-formed {@code TOLLGATE-AUTH} read of the victim's channel, signed by the stranger. */
  private HttpRequest signedRead(String path) {
    SignedRead read =
        SignedRead.sign(stranger, "GET", path, victim.channel(), gatewayClock.nowSeconds());
    return HttpRequest.newBuilder(base.resolve(path))
        .header(SignedRead.HEADER, read.header())
        .GET()
        .build();
  }

  /** An operator route with a bearer token of the right shape that is not the operator's. */
  private HttpRequest operator(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + Bytes32.of(randomBytes()).toHex())
        .GET()
        .build();
  }

  /** A facilitator route with a bearer token of the right shape that is no publisher's. */
  private HttpRequest asPublisher(String path, String json) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + Bytes32.of(randomBytes()).toHex())
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).GET().build();
  }

  private HttpRequest post(String path, String json) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
