package dev.tollgate.functions.gateway;

import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import java.util.List;

/** What a payer reads to restore or catch up: the stored channel and its recorded updates. */
public final class ChannelQueries {
  public static final int MAX_PAGE = 100;

  private final ChannelStore store;

  public ChannelQueries(ChannelStore store) {
    this.store = store;
  }

  public Checked<StoredChannel> channel(Address channel) {
    return ChannelGuards.existing(store, channel);
  }

  /**
   * Updates after {@code afterNonce}, oldest first, at most {@code limit} (1 to {@value MAX_PAGE}).
   */
  public Checked<List<ChannelUpdate>> updates(Address channel, long afterNonce, int limit) {
    return ChannelGuards.existing(store, channel)
        .flatMap(stored -> updatesOf(stored, afterNonce, limit));
  }

  /** As {@link #updates}, for a channel already loaded (by the read's access check). */
  public Checked<List<ChannelUpdate>> updatesOf(StoredChannel stored, long afterNonce, int limit) {
    if (afterNonce < 0) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, "after must not be negative, got " + afterNonce);
    }
    if (limit < 1 || limit > MAX_PAGE) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST,
          "limit must be between 1 and " + MAX_PAGE + ", got " + limit);
    }
    return Checked.ok(
        store.updatesAfter(stored.latest().state().channelAddress(), afterNonce, limit));
  }
}
