package dev.tollgate.functions.routing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code GET /gateway} says of the gateway's role: public, since a hub's fee and timeouts are
 * what a publisher names in its offers and a payer checks, and a publisher's hub is what a payer
 * needs a channel with to pay it through the hub.
 */
public final class RoutingJson {
  private RoutingJson() {}

  public static ObjectNode of(RoutingSettings s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("role", s.role().wireName());
    switch (s.role()) {
      case HUB -> {
        o.putObject("fee").put("flat", s.fee().flat().toDecimal()).put("ppm", s.fee().ppm());
        o.put("readerTransferTimeoutSeconds", s.legs().readerSeconds());
        o.put("forwardTransferTimeoutSeconds", s.legs().forwardSeconds());
      }
      case PUBLISHER ->
          o.putObject("hub")
              .put("url", s.hubUrl().orElseThrow().toString())
              .put("address", s.hubAddress().orElseThrow().toChecksumHex());
      case STANDALONE -> {
        // nothing beyond the role: every payment is direct
      }
    }
    return o;
  }
}
