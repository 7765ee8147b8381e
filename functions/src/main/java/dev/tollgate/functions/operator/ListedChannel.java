package dev.tollgate.functions.operator;

import dev.tollgate.core.protocol.Channel;
import java.util.Objects;

/**
 * A stored channel as the operator's listing sees it: its latest state, when it was last written
 * ({@code updatedAt}, epoch seconds) and whether it was marked disputed on chain.
 */
public record ListedChannel(Channel latest, long updatedAt, boolean disputed) {
  public ListedChannel {
    Objects.requireNonNull(latest, "latest");
  }
}
