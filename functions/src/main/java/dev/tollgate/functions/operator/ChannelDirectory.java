package dev.tollgate.functions.operator;

import dev.tollgate.core.value.Address;
import java.util.Optional;

/** Every stored channel, page by page, in the store's own order. */
public interface ChannelDirectory {
  /**
   * At most {@code limit} channels, starting after {@code after} (the {@link ChannelPage#next()} of
   * the previous page), or from the beginning when empty.
   */
  ChannelPage page(Optional<Address> after, int limit);
}
