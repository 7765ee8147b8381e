package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.functions.gateway.GatewayNetwork;
import dev.tollgate.functions.paywall.PriceList;
import dev.tollgate.functions.routing.RoutingJson;
import dev.tollgate.functions.routing.RoutingSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * What a payer's client needs before opening a channel: who the gateway is, and where; and its role
 * in a routed network ({@code routing}).
 */
@Controller("/gateway")
@Requires(beans = GatewayNetwork.class)
public class GatewayInfoController {
  private final ObjectNode info;

  public GatewayInfoController(
      GatewayNetwork network, ChannelParty gateway, PriceList prices, RoutingSettings routing) {
    ChannelRules rules = gateway.rules();
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("address", gateway.signer().address().toChecksumHex());
    out.put("network", network.caip2());
    out.set("networkContext", ChannelJson.toJson(network.context()));
    out.put("mastercopy", network.mastercopy().toChecksumHex());
    out.put("hashlockDefinition", network.hashlockDefinition().toChecksumHex());
    out.put("withdrawDefinition", network.withdrawDefinition().toChecksumHex());
    var assets = out.putArray("assets");
    network.acceptedAssets().forEach(a -> assets.add(a.toChecksumHex()));
    out.put("minChannelTimeoutSeconds", rules.minChannelTimeoutSeconds());
    out.put("maxChannelTimeoutSeconds", rules.maxChannelTimeoutSeconds());
    var routes = out.putArray("routes");
    prices
        .routes()
        .forEach(
            r ->
                routes
                    .addObject()
                    .put("prefix", r.prefix())
                    .put("price", r.price().toDecimal())
                    .put("description", r.description()));
    out.set("routing", RoutingJson.of(routing));
    this.info = out;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> info() {
    return Responses.json(HttpStatus.OK, info);
  }
}
