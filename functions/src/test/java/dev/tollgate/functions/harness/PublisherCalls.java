package dev.tollgate.functions.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResourceInfo;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A publisher's server calling the facilitator routes with its bearer token ({@code token} null:
 * without one), as a publisher's own paywall does.
 */
public final class PublisherCalls {
  private final LambdaInvoker lambda;
  private final String token;

  public PublisherCalls(LambdaInvoker lambda, String token) {
    this.lambda = lambda;
    this.token = token;
  }

  /** The stack's own publisher. */
  public static PublisherCalls of(GatewayStack stack) {
    return new PublisherCalls(stack.lambda(), GatewayStack.PUBLISHER_TOKEN);
  }

  public LambdaInvoker.Response quoteResponse(String url, BigInteger amount) {
    var body = ChannelJson.MAPPER.createObjectNode();
    body.putObject("resource").put("url", url).put("description", "A publisher's resource");
    body.put("amount", amount.toString());
    return post("/quote", ChannelJson.write(body));
  }

  /** The quote's requirement; fails the test when the gateway does not quote. */
  public PaymentRequirements quote(String url, BigInteger amount) {
    LambdaInvoker.Response r = quoteResponse(url, amount);
    if (r.status() != 200) {
      throw new AssertionError("the gateway did not quote " + url + ": " + r.status() + r.body());
    }
    return PaymentRequired.fromJson(ChannelJson.parse(r.body()), "the quote").accepts().get(0);
  }

  public LambdaInvoker.Response settle(
      String url,
      BigInteger price,
      PaymentRequirements accepted,
      ChannelUpdate create,
      Optional<String> resend) {
    return post("/settle", body(url, price, accepted, create, resend));
  }

  public LambdaInvoker.Response verify(
      String url,
      BigInteger price,
      PaymentRequirements accepted,
      ChannelUpdate create,
      Optional<String> resend) {
    return post("/verify", body(url, price, accepted, create, resend));
  }

  public static String body(
      String url,
      BigInteger price,
      PaymentRequirements accepted,
      ChannelUpdate create,
      Optional<String> resend) {
    var body = ChannelJson.MAPPER.createObjectNode();
    body.set(
        "paymentPayload",
        PaymentPayload.of(new ResourceInfo(url, "", "application/json"), accepted, create)
            .toJson());
    body.put("resource", url);
    body.put("price", price.toString());
    resend.ifPresent(p -> body.put("resend", p));
    return ChannelJson.write(body);
  }

  public LambdaInvoker.Response post(String route, String body) {
    Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
    if (token != null) {
      headers.put("authorization", "Bearer " + token);
    }
    return lambda.post(route, headers, body);
  }

  public static JsonNode json(LambdaInvoker.Response r) {
    return ChannelJson.parse(r.body());
  }
}
