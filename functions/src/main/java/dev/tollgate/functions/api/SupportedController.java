package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.functions.gateway.GatewayNetwork;
import dev.tollgate.functions.paywall.PaidRequests;
import dev.tollgate.functions.paywall.QuoteBook;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.X402Headers;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * x402's {@code GET /supported}: the one payment kind this gateway verifies and settles ({@code
 * vector-hashlock} on its network, with the contracts, assets and transfer timeout a payer's create
 * uses in {@code extra}, and the {@code extra} of a payer-locked requirement, {@code
 * payerLockExtra}), and its signer. A stock x402 resource server reads it when it starts and
 * refuses to start without it. Public, like {@code /gateway}: it says nothing {@code /gateway} does
 * not.
 */
@Controller("/supported")
@Requires(beans = PaidRequests.class)
public class SupportedController {
  private final ObjectNode supported;

  public SupportedController(GatewayNetwork network, ChannelParty gateway, QuoteBook quotes) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    ObjectNode kind = out.putArray("kinds").addObject();
    kind.put("x402Version", X402Headers.X402_VERSION);
    kind.put("scheme", PaymentRequirements.SCHEME);
    kind.put("network", network.caip2());
    ObjectNode extra = kind.putObject("extra");
    extra.put("payTo", gateway.signer().address().toChecksumHex());
    extra.put("channelFactoryAddress", network.context().channelFactoryAddress().toChecksumHex());
    extra.put(
        "transferRegistryAddress", network.context().transferRegistryAddress().toChecksumHex());
    extra.put("transferDefinition", network.hashlockDefinition().toChecksumHex());
    extra.put("transferTimeout", Long.toString(quotes.terms().transferTimeoutSeconds()));
    // A server scheme builds its requirements from this kind alone, without a call per 402: the
    // asset quotes are paid in, and the extra of a requirement whose lock the payer chooses.
    extra.put("asset", quotes.terms().asset().toChecksumHex());
    extra.set("payerLockExtra", quotes.payerLockExtra().toJson());
    var assets = extra.putArray("assets");
    network.acceptedAssets().forEach(a -> assets.add(a.toChecksumHex()));
    out.putArray("extensions");
    out.putObject("signers").putArray("eip155:*").add(gateway.signer().address().toChecksumHex());
    this.supported = out;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> supported() {
    return Responses.json(HttpStatus.OK, supported);
  }
}
