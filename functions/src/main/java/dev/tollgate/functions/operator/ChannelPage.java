package dev.tollgate.functions.operator;

import dev.tollgate.core.value.Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of stored channels and, when more may follow, the address the next page starts after. A
 * last page can come with {@code next} set and be followed by an empty one.
 */
public record ChannelPage(List<ListedChannel> channels, Optional<Address> next) {
  public ChannelPage {
    channels = List.copyOf(channels);
    Objects.requireNonNull(next, "next");
  }
}
