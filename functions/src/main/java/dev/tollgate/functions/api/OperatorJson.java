package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.operator.ChannelReport;
import dev.tollgate.functions.operator.ChannelsReport;
import dev.tollgate.functions.operator.Payment;
import dev.tollgate.functions.operator.Revenue;
import java.util.List;

/**
 * The operator routes' JSON. Amounts are decimal strings of base units (they exceed a double's
 * precision); times are epoch seconds where the request gave seconds ({@code from}, {@code to},
 * bucket starts, chain expiries) and epoch milliseconds for when something was written ({@code
 * paidAt}, {@code updatedAt}).
 */
final class OperatorJson {
  private OperatorJson() {}

  static ObjectNode revenue(Revenue revenue) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("asset", revenue.asset().toChecksumHex());
    out.put("from", revenue.from());
    out.put("to", revenue.to());
    out.put("bucketSeconds", revenue.bucketSeconds());
    out.put("total", revenue.total().toString());
    out.put("payments", revenue.payments());
    ArrayNode buckets = out.putArray("buckets");
    for (Revenue.Bucket bucket : revenue.buckets()) {
      buckets
          .addObject()
          .put("start", bucket.start())
          .put("amount", bucket.amount().toString())
          .put("payments", bucket.payments());
    }
    return out;
  }

  static ObjectNode payments(List<Payment> payments) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    ArrayNode array = out.putArray("payments");
    for (Payment p : payments) {
      array
          .addObject()
          .put("transferId", p.transferId().toHex())
          .put("channelAddress", p.channel().toChecksumHex())
          .put("payer", p.payer().toChecksumHex())
          .put("asset", p.asset().toChecksumHex())
          .put("amount", p.amount().toDecimal())
          .put("paidAt", p.paidAt());
    }
    return out;
  }

  static ObjectNode channels(ChannelsReport report) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    ArrayNode array = out.putArray("channels");
    for (ChannelReport c : report.channels()) {
      ObjectNode channel =
          array
              .addObject()
              .put("channelAddress", c.channel().toChecksumHex())
              .put("payer", c.payer().toChecksumHex())
              .put("nonce", c.nonce())
              .put("updatedAt", c.updatedAt())
              .put("disputed", c.disputed());
      ArrayNode balances = channel.putArray("balances");
      for (ChannelReport.AssetBalance b : c.balances()) {
        balances
            .addObject()
            .put("asset", b.asset().toChecksumHex())
            .put("gateway", b.gateway().toString())
            .put("payer", b.payer().toString())
            .put("locked", b.locked().toString());
      }
    }
    if (report.cursor().isPresent()) {
      out.put("cursor", report.cursor().get());
    } else {
      out.putNull("cursor");
    }
    return out;
  }

  static ObjectNode disputes(List<DisputeRecord> disputes) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    ArrayNode array = out.putArray("disputes");
    for (DisputeRecord d : disputes) {
      array
          .addObject()
          .put("channelAddress", d.channel().toChecksumHex())
          .put("stage", d.stage().name())
          .put("disputedNonce", d.disputedNonce())
          .put("disputer", d.disputer().toChecksumHex())
          .put("consensusExpiry", d.consensusExpiry())
          .put("defundExpiry", d.defundExpiry())
          .put("lastAction", d.lastAction())
          .put("updatedAt", Math.multiplyExact(d.updatedAt(), 1000L));
    }
    return out;
  }
}
