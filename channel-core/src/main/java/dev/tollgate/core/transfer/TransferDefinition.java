package dev.tollgate.core.transfer;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.failure.Rejection;
import java.util.Optional;

/**
 * The off-chain half of a transfer definition contract: the same create and resolve rules the
 * contract enforces, so nothing is countersigned that the chain would refuse.
 */
public interface TransferDefinition {
  /** The contract's name, as the registry lists it. */
  String name();

  /** Solidity tuple encoding of the definition's state (vector's {@code transferEncodings[0]}). */
  String stateEncoding();

  /** Solidity tuple encoding of the resolver ({@code transferEncodings[1]}). */
  String resolverEncoding();

  /** Empty when the contract's {@code create} would return true at time {@code now}. */
  Optional<Rejection> checkCreate(Balance balance, TransferInitialState state, long now);

  /** The contract's {@code resolve}: the transfer's final balance, or why it would revert. */
  Outcome<Balance> resolve(
      Balance balance, TransferInitialState state, TransferResolver resolver, long now);
}
