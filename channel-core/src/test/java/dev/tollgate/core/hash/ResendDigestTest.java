package dev.tollgate.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import org.junit.jupiter.api.Test;

class ResendDigestTest {
  private static final Address CHANNEL =
      Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Bytes32 TRANSFER = Bytes32.fromHex("0x" + "22".repeat(32));

  /** The bytes hashed, and their keccak256, as ethers v6 computes them (concat + keccak256). */
  @Test
  void digestIsKeccakOfPrefixChannelTransferAndWord() {
    String preimage =
        "0x19546f6c6c6761746520726573656e643a0a"
            + "1111111111111111111111111111111111111111"
            + "22".repeat(32)
            + "00".repeat(31)
            + "03";
    assertThat(Keccak.hash(Hex.decode(preimage)))
        .isEqualTo(
            Bytes32.fromHex("0x36c98fdcab9f4f202c68fcce2ec526766b24e4314907fd88936282e7c4f2ca48"));
    assertThat(ChannelHashes.resendDigest(CHANNEL, TRANSFER, Uint256.of(3)))
        .isEqualTo(Keccak.hash(Hex.decode(preimage)));
  }

  @Test
  void eachNumberChannelAndTransferHasItsOwnDigest() {
    Bytes32 one = ChannelHashes.resendDigest(CHANNEL, TRANSFER, Uint256.ONE);
    assertThat(ChannelHashes.resendDigest(CHANNEL, TRANSFER, Uint256.of(2))).isNotEqualTo(one);
    assertThat(ChannelHashes.resendDigest(Address.ZERO, TRANSFER, Uint256.ONE)).isNotEqualTo(one);
    assertThat(ChannelHashes.resendDigest(CHANNEL, Bytes32.ZERO, Uint256.ONE)).isNotEqualTo(one);
  }

  /** Not the Vector signed-message digest of any commitment: a different prefix and length. */
  @Test
  void aResendSignatureIsNotAChannelSignature() {
    LocalKeySigner bob = LocalKeySigner.fromHex("0x" + "01".repeat(32));
    Bytes32 digest = ChannelHashes.resendDigest(CHANNEL, TRANSFER, Uint256.ONE);
    var signature = bob.sign(digest);
    assertThat(Secp256k1Signatures.isSignedBy(digest, signature, bob.address())).isTrue();
    assertThat(
            Secp256k1Signatures.isSignedBy(
                ChannelHashes.signedDigest(digest), signature, bob.address()))
        .isFalse();
    assertThat(digest).isNotEqualTo(ChannelHashes.signedDigest(TRANSFER));
  }
}
