package dev.tollgate.core.transfer;

import dev.tollgate.core.value.Signature;
import java.util.Optional;

/**
 * {@code tuple(bytes responderSignature)}. An absent signature is the explicit cancel, encoded as
 * 65 zero bytes exactly as the Withdraw contract expects.
 */
public record WithdrawResolver(Optional<Signature> responderSignature) implements TransferResolver {
  public WithdrawResolver {
    responderSignature = responderSignature == null ? Optional.empty() : responderSignature;
  }

  public static WithdrawResolver cancel() {
    return new WithdrawResolver(Optional.empty());
  }

  public static WithdrawResolver signed(Signature signature) {
    return new WithdrawResolver(Optional.of(signature));
  }

  @Override
  public byte[] encode() {
    return WithdrawAbi.encodeResolver(this);
  }
}
