package dev.tollgate.functions.harness;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.protocol.Channel;
import java.math.BigInteger;

/** Value held in a channel state: its balances plus what its active transfers lock. */
public final class Conservation {
  private Conservation() {}

  public static BigInteger heldAndLocked(Channel channel) {
    BigInteger held =
        channel.state().balances().stream()
            .map(Balance::total)
            .reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger locked =
        channel.activeTransfers().values().stream()
            .map(t -> t.core().balance().total())
            .reduce(BigInteger.ZERO, BigInteger::add);
    return held.add(locked);
  }
}
