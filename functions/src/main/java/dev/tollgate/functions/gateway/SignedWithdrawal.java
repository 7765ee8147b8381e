package dev.tollgate.functions.gateway;

import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.value.Signature;
import java.util.Objects;

/** A withdraw commitment both parties signed: what the channel contract's withdraw executes. */
public record SignedWithdrawal(
    WithdrawData data, Signature aliceSignature, Signature bobSignature) {
  public SignedWithdrawal {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(aliceSignature, "aliceSignature");
    Objects.requireNonNull(bobSignature, "bobSignature");
  }
}
