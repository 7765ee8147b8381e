package dev.tollgate.functions.adapter.kms;

import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A secp256k1 ECDSA signature (r, s) as KMS returns it: DER, either half of s, and no recovery id,
 * all three of which an Ethereum signature must fix.
 */
record EcdsaSignature(BigInteger r, BigInteger s) {
  private static final BigInteger N = Signature.CURVE_ORDER;
  private static final String DER_SIGNATURE = "DER ECDSA signature";

  EcdsaSignature {
    if (r == null || r.signum() <= 0 || r.compareTo(N) >= 0) {
      throw new IllegalArgumentException(
          DER_SIGNATURE + ": r must be in [1, n-1], got " + hexOrNull(r));
    }
    if (s == null || s.signum() <= 0 || s.compareTo(N) >= 0) {
      throw new IllegalArgumentException(
          DER_SIGNATURE + ": s must be in [1, n-1], got " + hexOrNull(s));
    }
  }

  /** Parses {@code SEQUENCE { INTEGER r, INTEGER s }}, strictly. */
  static EcdsaSignature fromDer(byte[] der) {
    DerReader outer = DerReader.of(der, DER_SIGNATURE);
    DerReader sequence = outer.element(DerReader.SEQUENCE, "SEQUENCE");
    outer.requireEnd("the SEQUENCE");
    BigInteger r = sequence.positiveInteger("INTEGER r");
    BigInteger s = sequence.positiveInteger("INTEGER s");
    sequence.requireEnd("r and s");
    return new EcdsaSignature(r, s);
  }

  boolean isHighS() {
    return s.compareTo(Signature.HALF_CURVE_ORDER) > 0;
  }

  /**
   * (r, n − s) when s is in the upper half. Both verify, but the adjudicator and channel-core only
   * accept the low form, so a high-s signature from KMS would be a signature nobody can enforce.
   */
  EcdsaSignature lowS() {
    return isHighS() ? new EcdsaSignature(r, N.subtract(s)) : this;
  }

  /**
   * The low-s Ethereum signature whose recovery id makes it recover to {@code signer}, or empty
   * when neither id does (the signature is not {@code signer}'s over {@code digest}). KMS does not
   * report the parity of R, so both candidates are tried.
   */
  Optional<Signature> recoverableBy(Bytes32 digest, Address signer) {
    EcdsaSignature low = lowS();
    byte[] rs = new byte[64];
    Uint256.of(low.r).writeWord(rs, 0);
    Uint256.of(low.s).writeWord(rs, 32);
    for (int recoveryId = 0; recoveryId <= 1; recoveryId++) {
      Signature candidate = Signature.fromCompact(rs, recoveryId);
      if (Secp256k1Signatures.isSignedBy(digest, candidate, signer)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String hexOrNull(BigInteger value) {
    return value == null ? "none" : "0x" + value.toString(16);
  }
}
