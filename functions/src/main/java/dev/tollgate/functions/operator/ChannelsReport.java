package dev.tollgate.functions.operator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of the operator's channel listing and the cursor of the next page, if any. */
public record ChannelsReport(List<ChannelReport> channels, Optional<String> cursor) {
  public ChannelsReport {
    channels = List.copyOf(channels);
    Objects.requireNonNull(cursor, "cursor");
  }
}
