package dev.tollgate.functions.api;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.gateway.Accepted;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per channel request: what was asked, of which channel, the nonce reached or
 * the refusal. Never a key, a secret, or the preimage of an unpaid quote: only addresses, nonces,
 * types and reasons are logged.
 */
final class ChannelLog {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.channel");

  private ChannelLog() {}

  static void accepted(String action, Address channel, Accepted accepted) {
    LOG.info(
        "{} accepted",
        action,
        kv("action", action),
        kv("channelAddress", channel.toChecksumHex()),
        kv("nonce", accepted.channel().nonce()),
        kv("replayed", accepted.replayed()));
  }

  static void paid(SettlementResponse settled) {
    ChannelUpdate create = settled.createUpdate().orElseThrow();
    LOG.info(
        "pay accepted",
        kv("action", "pay"),
        kv("channelAddress", create.channelAddress().toChecksumHex()),
        kv("nonce", settled.resolveUpdate().map(ChannelUpdate::nonce).orElse(create.nonce())),
        kv("transferId", settled.transaction().map(t -> t.toHex()).orElse("")));
  }

  static void refused(String action, String channel, Refusal refusal) {
    LOG.info(
        "{} refused: {}",
        action,
        refusal.errorReason(),
        kv("action", action),
        kv("channelAddress", channel),
        kv("status", refusal.httpStatus()),
        kv("errorReason", refusal.errorReason()),
        kv("storedNonce", refusal.stored().map(s -> s.nonce()).orElse(null)));
  }

  /** A paid route's origin failed: a warning, the operator's to look at; the cause's class only. */
  static void originFailed(String routePrefix, Exception e) {
    LOG.warn(
        "origin failed: {}",
        e.getMessage(),
        kv("action", "forward"),
        kv("route", routePrefix),
        kv("cause", e.getCause() == null ? "" : e.getCause().getClass().getName()));
  }

  static <T> Checked<T> outcome(
      String action, String channel, Checked<T> result, Function<T, Accepted> acceptedOf) {
    if (result.isOk()) {
      Accepted a = acceptedOf.apply(result.value());
      accepted(action, a.countersigned().channelAddress(), a);
    } else {
      refused(action, channel, result.refusal());
    }
    return result;
  }
}
