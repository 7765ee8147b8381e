package dev.tollgate.functions.gateway;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateType;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Optional;

/** The checks every channel endpoint makes before the protocol rules see an update. */
final class ChannelGuards {
  private ChannelGuards() {}

  /** The update is of the type the endpoint takes and names the channel of the request path. */
  static Optional<Refusal> shape(Address channel, ChannelUpdate update, UpdateType expected) {
    if (update.type() != expected) {
      return Optional.of(
          Refusal.of(
              GatewayReason.WRONG_UPDATE_TYPE,
              "this endpoint takes a " + expected + " update, got " + update.type()));
    }
    if (!update.channelAddress().equals(channel)) {
      return Optional.of(
          Refusal.of(
              Rejection.of(
                  FailureReason.WRONG_CHANNEL,
                  "update is for channel "
                      + update.channelAddress()
                      + " but was sent to channel "
                      + channel)));
    }
    return Optional.empty();
  }

  static Checked<StoredChannel> existing(ChannelStore store, Address channel) {
    return store
        .load(channel)
        .<Checked<StoredChannel>>map(Checked::ok)
        .orElseGet(
            () ->
                Checked.refused(
                    GatewayReason.UNKNOWN_CHANNEL, "no channel " + channel + " is set up here"));
  }
}
