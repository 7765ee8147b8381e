package dev.tollgate.core.transfer;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Withdraw definition's state: {@code tuple(bytes initiatorSignature, address initiator,
 * address responder, bytes32 data, uint256 nonce, uint256 fee, address callTo, bytes callData)},
 * where {@code data} is the withdraw commitment both parties end up signing.
 */
public record WithdrawState(
    Signature initiatorSignature,
    Address initiator,
    Address responder,
    Bytes32 data,
    Uint256 nonce,
    Uint256 fee,
    Address callTo,
    byte[] callData)
    implements TransferInitialState {

  public static final String ENCODING =
      "tuple(bytes initiatorSignature, address initiator, address responder, bytes32 data,"
          + " uint256 nonce, uint256 fee, address callTo, bytes callData)";

  public WithdrawState {
    Objects.requireNonNull(initiatorSignature, "initiatorSignature");
    Objects.requireNonNull(initiator, "initiator");
    Objects.requireNonNull(responder, "responder");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(callTo, "callTo");
    callData = callData == null ? new byte[0] : callData.clone();
  }

  @Override
  public byte[] callData() {
    return callData.clone();
  }

  @Override
  public byte[] encode() {
    return WithdrawAbi.encodeState(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WithdrawState w
        && initiatorSignature.equals(w.initiatorSignature)
        && initiator.equals(w.initiator)
        && responder.equals(w.responder)
        && data.equals(w.data)
        && nonce.equals(w.nonce)
        && fee.equals(w.fee)
        && callTo.equals(w.callTo)
        && Arrays.equals(callData, w.callData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(initiatorSignature, initiator, responder, data, nonce, fee, callTo)
        + 31 * Arrays.hashCode(callData);
  }

  @Override
  public String toString() {
    return "WithdrawState[initiator="
        + initiator
        + ", responder="
        + responder
        + ", data="
        + data
        + ", nonce="
        + nonce
        + ", fee="
        + fee
        + ", callTo="
        + callTo
        + ", callData="
        + callData.length
        + " bytes]";
  }
}
