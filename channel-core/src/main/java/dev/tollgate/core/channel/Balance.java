package dev.tollgate.core.channel;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Solidity {@code Balance{uint256[2] amount; address[2] to}}. In a channel index 0 is alice and 1
 * is bob; in a transfer index 0 is the initiator and 1 the responder.
 */
public record Balance(Uint256 amount0, Uint256 amount1, Address to0, Address to1) {
  public Balance {
    Objects.requireNonNull(amount0, "amount0");
    Objects.requireNonNull(amount1, "amount1");
    Objects.requireNonNull(to0, "to0");
    Objects.requireNonNull(to1, "to1");
  }

  public static Balance zero(Address to0, Address to1) {
    return new Balance(Uint256.ZERO, Uint256.ZERO, to0, to1);
  }

  public Uint256 amount(int index) {
    return switch (index) {
      case 0 -> amount0;
      case 1 -> amount1;
      default -> throw new IllegalArgumentException("balance index must be 0 or 1, got " + index);
    };
  }

  public Address to(int index) {
    return switch (index) {
      case 0 -> to0;
      case 1 -> to1;
      default -> throw new IllegalArgumentException("balance index must be 0 or 1, got " + index);
    };
  }

  /** The sum can exceed uint256, so it stays a BigInteger. */
  public BigInteger total() {
    return amount0.value().add(amount1.value());
  }

  public Balance withAmounts(Uint256 newAmount0, Uint256 newAmount1) {
    return new Balance(newAmount0, newAmount1, to0, to1);
  }
}
