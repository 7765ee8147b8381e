package dev.tollgate.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalKeySignerTest {
  private static final String KEY_HEX =
      "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  private static final Address KEY_ADDRESS =
      Address.fromHex("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
  private static final int DIGESTS = 500;

  private final LocalKeySigner signer = LocalKeySigner.fromHex(KEY_HEX);

  @Test
  void knownKeyHasKnownAddress() {
    assertThat(signer.address()).isEqualTo(KEY_ADDRESS);
    assertThat(signer.address().toString()).isEqualTo("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
  }

  @Test
  void privateKeyOneHasTheGeneratorsAddress() {
    LocalKeySigner one = LocalKeySigner.fromHex("0x" + "00".repeat(31) + "01");
    assertThat(one.address())
        .isEqualTo(Address.fromHex("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"));
  }

  @Test
  void fromPrivateKeyAndFromHexAgree() {
    assertThat(LocalKeySigner.fromPrivateKey(Hex.decode(KEY_HEX)).address()).isEqualTo(KEY_ADDRESS);
  }

  @Test
  void signaturesMatchEthersDeterministicSignatures() {
    // ethers 6 SigningKey.sign (RFC 6979) with the same key; the first r has a leading zero byte.
    assertThat(signer.sign(Bytes32.fromHex("0x" + "11".repeat(32))).toHex())
        .isEqualTo(
            "0x004375c2180a2a322c6b22b43ca111dadb74ddb0a2f96e427eac82982fd68b4e"
                + "3dfee5991d071b74211a070b6660783820a15fdd5355fabb31702dac53e62c72"
                + "1b");
    assertThat(
            signer
                .sign(
                    Bytes32.fromHex(
                        "0xb2962c520c6dd5cfa309b7f86891701b81ba8c1fc33ecbde49369a79f927dfb8"))
                .toHex())
        .isEqualTo(
            "0xdef23f62868552c315def89ef1e9d984ea0cfe39e3bb1da268417992fb663e9c"
                + "680624c9c416f30d69c240775358d8c504be597b3604b56d1b1dcd44c3ad3d59"
                + "1b");
  }

  @Test
  void recoversTheSignersAddressForManyRandomDigests() {
    Random random = new Random(0x70116a7eL);
    for (int i = 0; i < DIGESTS; i++) {
      Bytes32 digest = randomDigest(random);
      Signature signature = signer.sign(digest);
      assertThat(Secp256k1Signatures.recover(digest, signature))
          .as("digest %s", digest)
          .contains(KEY_ADDRESS);
      assertThat(Secp256k1Signatures.isSignedBy(digest, signature, KEY_ADDRESS)).isTrue();
    }
  }

  @Test
  void signaturesAreLowSWithVOf27Or28AndBothRecoveryIdsOccur() {
    Random random = new Random(0x5eedL);
    int[] byV = new int[256];
    for (int i = 0; i < DIGESTS; i++) {
      byte[] raw = signer.sign(randomDigest(random)).toArray();
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));
      assertThat(s).isPositive().isLessThanOrEqualTo(N.shiftRight(1));
      byV[raw[64] & 0xff]++;
    }
    assertThat(byV[27] + byV[28]).isEqualTo(DIGESTS);
    assertThat(byV[27]).isPositive();
    assertThat(byV[28]).isPositive();
  }

  @Test
  void aSignatureOverOneDigestDoesNotRecoverToTheSignerForAnother() {
    Random random = new Random(99);
    for (int i = 0; i < 100; i++) {
      Bytes32 a = randomDigest(random);
      Bytes32 b = randomDigest(random);
      Signature overA = signer.sign(a);
      assertThat(Secp256k1Signatures.recover(b, overA)).isNotEqualTo(Optional.of(KEY_ADDRESS));
      assertThat(Secp256k1Signatures.isSignedBy(b, overA, KEY_ADDRESS)).isFalse();
    }
  }

  @Test
  void aSignatureDoesNotVerifyForAnotherAddress() {
    Bytes32 digest = Bytes32.fromHex("0x" + "42".repeat(32));
    LocalKeySigner other = LocalKeySigner.fromHex("0x" + "02".repeat(32));
    Signature mine = signer.sign(digest);
    assertThat(Secp256k1Signatures.isSignedBy(digest, mine, other.address())).isFalse();
    assertThat(Secp256k1Signatures.isSignedBy(digest, other.sign(digest), KEY_ADDRESS)).isFalse();
  }

  @Test
  void signingIsDeterministic() {
    Bytes32 digest = Bytes32.fromHex("0x" + "ab".repeat(32));
    assertThat(signer.sign(digest)).isEqualTo(signer.sign(digest));
  }

  @Test
  void toStringShowsTheAddressButNeverThePrivateKey() {
    String text = signer.toString();
    String keyDigits = KEY_HEX.substring(2);
    assertThat(text).contains(KEY_ADDRESS.toString());
    assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain(keyDigits);
    assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain(keyDigits.substring(0, 16));
    assertThat(text).doesNotContain(new BigInteger(keyDigits, 16).toString());
  }

  @Test
  void fromPrivateKeyCopiesTheArrayItIsGiven() {
    byte[] key = Hex.decode(KEY_HEX);
    LocalKeySigner copy = LocalKeySigner.fromPrivateKey(key);
    Arrays.fill(key, (byte) 0x01);
    Bytes32 digest = Bytes32.fromHex("0x" + "33".repeat(32));
    assertThat(copy.address()).isEqualTo(KEY_ADDRESS);
    assertThat(Secp256k1Signatures.recover(digest, copy.sign(digest))).contains(KEY_ADDRESS);
  }

  @Test
  void rejectsTheZeroKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalKeySigner.fromPrivateKey(new byte[32]))
        .withMessageContaining("not a valid secp256k1 private key");
  }

  @Test
  void rejectsAKeyEqualToTheCurveOrder() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalKeySigner.fromHex("0x" + N.toString(16)))
        .withMessageContaining("not a valid secp256k1 private key");
  }

  @Test
  void rejectsAKeyAboveTheCurveOrder() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalKeySigner.fromHex("0x" + N.add(BigInteger.ONE).toString(16)))
        .withMessageContaining("not a valid secp256k1 private key");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalKeySigner.fromHex("0x" + "ff".repeat(32)))
        .withMessageContaining("not a valid secp256k1 private key");
  }

  @Test
  void acceptsTheLargestValidKey() {
    LocalKeySigner max = LocalKeySigner.fromHex("0x" + N.subtract(BigInteger.ONE).toString(16));
    Bytes32 digest = Bytes32.fromHex("0x" + "55".repeat(32));
    assertThat(Secp256k1Signatures.recover(digest, max.sign(digest))).contains(max.address());
  }

  @Test
  void rejectsKeysThatAreNot32Bytes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalKeySigner.fromHex("0x" + "11".repeat(31)))
        .withMessageContaining("not a valid secp256k1 private key");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalKeySigner.fromPrivateKey(new byte[33]))
        .withMessageContaining("not a valid secp256k1 private key");
  }

  @Test
  void fromHexRejectsMalformedHex() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalKeySigner.fromHex(KEY_HEX.substring(2)))
        .withMessageContaining("must start with 0x");
  }

  @Test
  void randomKeysSignAndDiffer() throws Exception {
    SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
    seeded.setSeed(1234L);
    LocalKeySigner a = LocalKeySigner.random(seeded);
    LocalKeySigner b = LocalKeySigner.random(seeded);
    assertThat(a.address()).isNotEqualTo(b.address());
    Bytes32 digest = Bytes32.fromHex("0x" + "66".repeat(32));
    assertThat(Secp256k1Signatures.recover(digest, a.sign(digest))).contains(a.address());
    assertThat(Secp256k1Signatures.recover(digest, b.sign(digest))).contains(b.address());
  }

  private static Bytes32 randomDigest(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Bytes32.of(bytes);
  }
}
