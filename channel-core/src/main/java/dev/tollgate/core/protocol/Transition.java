package dev.tollgate.core.protocol;

import dev.tollgate.core.update.ChannelUpdate;
import java.util.Objects;

/** An accepted update and the channel it leads to. */
public record Transition(Channel next, ChannelUpdate update) {
  public Transition {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(update, "update");
  }
}
