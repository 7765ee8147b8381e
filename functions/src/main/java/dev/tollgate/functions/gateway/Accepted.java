package dev.tollgate.functions.gateway;

import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.update.ChannelUpdate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An inbound update the gateway took: the update countersigned, then any update the gateway added
 * on top of it in the same write (the resolve of a paid request, the resolve of a withdrawal).
 * {@code replayed} says the payer had sent this exact update before and gets the recorded answer.
 */
public record Accepted(List<ChannelUpdate> updates, StoredChannel channel, boolean replayed) {
  public Accepted {
    updates = List.copyOf(updates);
    Objects.requireNonNull(channel, "channel");
    if (updates.isEmpty() || updates.size() > 2) {
      throw new IllegalArgumentException(
          "an accepted update is one countersigned update and at most one of the gateway's, got "
              + updates.size());
    }
  }

  public ChannelUpdate countersigned() {
    return updates.get(0);
  }

  public Optional<ChannelUpdate> gatewayUpdate() {
    return updates.size() == 2 ? Optional.of(updates.get(1)) : Optional.empty();
  }
}
