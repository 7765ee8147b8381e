package dev.tollgate.core.transfer;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the channel contract's {@code withdraw} executes once both parties have signed its
 * commitment: pay {@code amount} of {@code assetId} to {@code recipient}, then optionally call
 * {@code callTo} with {@code callData}.
 */
public record WithdrawData(
    Address channelAddress,
    Address assetId,
    Address recipient,
    Uint256 amount,
    Uint256 nonce,
    Address callTo,
    byte[] callData) {

  public WithdrawData {
    Objects.requireNonNull(channelAddress, "channelAddress");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(callTo, "callTo");
    callData = callData == null ? new byte[0] : callData.clone();
  }

  @Override
  public byte[] callData() {
    return callData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WithdrawData w
        && channelAddress.equals(w.channelAddress)
        && assetId.equals(w.assetId)
        && recipient.equals(w.recipient)
        && amount.equals(w.amount)
        && nonce.equals(w.nonce)
        && callTo.equals(w.callTo)
        && Arrays.equals(callData, w.callData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channelAddress, assetId, recipient, amount, nonce, callTo)
        + 31 * Arrays.hashCode(callData);
  }

  @Override
  public String toString() {
    return "WithdrawData[channel="
        + channelAddress
        + ", asset="
        + assetId
        + ", recipient="
        + recipient
        + ", amount="
        + amount
        + ", nonce="
        + nonce
        + ", callTo="
        + callTo
        + ", callData="
        + callData.length
        + " bytes]";
  }
}
