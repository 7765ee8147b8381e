package dev.tollgate.core.port;

import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import java.util.List;
import java.util.Optional;

/**
 * Where the gateway keeps its channels. Writes are optimistic: each names the nonce it was built on
 * and fails with {@link StaleChannelException} if another writer got there first, so two concurrent
 * payments on one channel can never both be accepted at the same nonce.
 */
public interface ChannelStore {
  Optional<StoredChannel> load(Address channelAddress);

  /**
   * Recorded updates with nonce greater than {@code afterNonce}, oldest first, at most {@code
   * limit}.
   */
  List<ChannelUpdate> updatesAfter(Address channelAddress, long afterNonce, int limit);

  /**
   * Writes {@code write} if the stored nonce is still the one it was built on.
   *
   * @throws ChannelDisputedException if the channel was marked disputed
   */
  void write(ChannelWrite write) throws StaleChannelException;

  /**
   * Marks a stored channel disputed on chain (at {@code disputedNonce}): every later {@link #write}
   * is refused. Marking again is harmless.
   */
  void markDisputed(Address channelAddress, long disputedNonce);
}
