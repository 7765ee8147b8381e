package dev.tollgate.x402;

import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The payer's proof that a payment sent again comes from the payer, in {@code TOLLGATE-RESEND:
 * <n>.<0x signature>}: the channel's bob signs {@link ChannelHashes#resendDigest} of the channel,
 * the payment's transfer and {@code n}, the resend's number. A payment serves its resource once;
 * each proof number serves it once more, up to the gateway's maximum, and a copy of the payment
 * header alone (without the payer's key) serves nothing.
 */
public record ResendProof(long n, Signature signature) {
  public static final String HEADER = "TOLLGATE-RESEND";

  /** Far more than any payer retries; it only keeps the decimal parse bounded. */
  private static final Pattern SHAPE = Pattern.compile("([1-9][0-9]{0,8})\\.(0x[0-9a-fA-F]{130})");

  public ResendProof {
    if (n < 1) {
      throw new IllegalArgumentException("a resend is numbered from 1, got " + n);
    }
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * The payer's proof for its {@code n}th resend of the payment that created {@code transferId}.
   */
  public static ResendProof sign(Signer payer, Address channel, Bytes32 transferId, long n) {
    return new ResendProof(
        n, payer.sign(ChannelHashes.resendDigest(channel, transferId, Uint256.of(n))));
  }

  /** The header's value, or why it is not one. */
  public static Checked<ResendProof> parse(String header) {
    String value = header == null ? "" : header.strip();
    var match = SHAPE.matcher(value);
    if (!match.matches()) {
      return Checked.refused(
          PaywallReason.MALFORMED_RESEND_PROOF,
          HEADER
              + " is not <n>.<0x 65-byte signature> with n from 1: got "
              + (value.length() > 40 ? value.substring(0, 40) + "..." : value));
    }
    try {
      return Checked.ok(
          new ResendProof(Long.parseLong(match.group(1)), Signature.fromHex(match.group(2))));
    } catch (IllegalArgumentException e) {
      return Checked.refused(
          PaywallReason.MALFORMED_RESEND_PROOF, HEADER + " signature is not a valid signature");
    }
  }

  /** Who signed this proof for {@code transferId} in {@code channel}, if anyone recoverable. */
  public Optional<Address> signer(Address channel, Bytes32 transferId) {
    return Secp256k1Signatures.recover(
        ChannelHashes.resendDigest(channel, transferId, Uint256.of(n)), signature);
  }

  public String headerValue() {
    return n + "." + signature.toHex();
  }
}
