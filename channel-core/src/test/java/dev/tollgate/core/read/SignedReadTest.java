package dev.tollgate.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignedReadTest {
  private static final Address CHANNEL =
      Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Address OTHER_CHANNEL =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final String PATH =
      "/channels/0x1111111111111111111111111111111111111111/updates?after=3&limit=100";
  private static final long SECONDS = 1_700_000_000L;
  private static final LocalKeySigner BOB = LocalKeySigner.fromHex("0x" + "01".repeat(32));
  private static final LocalKeySigner STRANGER = LocalKeySigner.fromHex("0x" + "02".repeat(32));

  /**
   * The cross-implementation vector, as ethers v6 computes it (concat, keccak256, SigningKey.sign);
   * sample-paywall's signed-read.test.mjs holds the browser payer to the same bytes.
   */
  /** The prefix, "GET " + PATH + "\n", the channel, then 1700000000 as a 32-byte word. */
  static final String PREIMAGE =
      "0x19546f6c6c6761746520726561643a0a"
          + "474554202f6368616e6e656c732f307831313131313131313131313131313131"
          + "3131313131313131313131313131313131313131313131312f75706461746573"
          + "3f61667465723d33266c696d69743d3130300a"
          + "1111111111111111111111111111111111111111"
          + "000000000000000000000000000000000000000000000000000000006553f100";

  static final String DIGEST = "0x9b980ceea376813b5d83dc2f534adccfd9d554eb1573fdd3f6da38a91122006b";
  static final String SIGNATURE =
      "0x7dc28bd553c6a53a29824250d30d78450fd09a312ed3890be7489f52bf28bbd9"
          + "2cf498a90d5f4a0da63acbec4d3ad02de240e27122ab84b610a04b65b03c67de1c";

  @Test
  void digestIsKeccakOfPrefixRequestLineChannelAndSeconds() {
    assertThat(Keccak.hash(Hex.decode(PREIMAGE))).isEqualTo(Bytes32.fromHex(DIGEST));
    assertThat(SignedRead.digest("GET", PATH, CHANNEL, SECONDS)).isEqualTo(Bytes32.fromHex(DIGEST));
  }

  @Test
  void signingGivesTheSameHeaderAsEthers() {
    SignedRead read = SignedRead.sign(BOB, "GET", PATH, CHANNEL, SECONDS);
    assertThat(read.header()).isEqualTo(SECONDS + "." + SIGNATURE);
  }

  @Test
  void aParsedHeaderRecoversItsSigner() {
    SignedRead read =
        SignedRead.parse(SignedRead.sign(BOB, "GET", PATH, CHANNEL, SECONDS).header());
    assertThat(read.unixSeconds()).isEqualTo(SECONDS);
    assertThat(read.signer("GET", PATH, CHANNEL)).contains(BOB.address());
  }

  @Test
  void changingAnySignedFieldChangesTheSigner() {
    SignedRead read = SignedRead.sign(BOB, "GET", PATH, CHANNEL, SECONDS);
    assertThat(read.signer("POST", PATH, CHANNEL)).isNotEqualTo(Optional.of(BOB.address()));
    assertThat(read.signer("GET", PATH.replace("after=3", "after=4"), CHANNEL))
        .isNotEqualTo(Optional.of(BOB.address()));
    assertThat(read.signer("GET", "/channels/" + CHANNEL.toChecksumHex(), CHANNEL))
        .isNotEqualTo(Optional.of(BOB.address()));
    assertThat(read.signer("GET", PATH, OTHER_CHANNEL)).isNotEqualTo(Optional.of(BOB.address()));
    assertThat(new SignedRead(SECONDS + 1, read.signature()).signer("GET", PATH, CHANNEL))
        .isNotEqualTo(Optional.of(BOB.address()));
  }

  @Test
  void anotherKeyIsRecoveredAsItself() {
    SignedRead read = SignedRead.sign(STRANGER, "GET", PATH, CHANNEL, SECONDS);
    assertThat(read.signer("GET", PATH, CHANNEL)).contains(STRANGER.address());
  }

  /** Its own domain: neither a channel-state signature nor a resend proof. */
  @Test
  void aReadSignatureIsNotAChannelSignature() {
    Bytes32 digest = SignedRead.digest("GET", PATH, CHANNEL, SECONDS);
    SignedRead read = SignedRead.sign(BOB, "GET", PATH, CHANNEL, SECONDS);
    assertThat(
            Secp256k1Signatures.isSignedBy(
                ChannelHashes.signedDigest(digest), read.signature(), BOB.address()))
        .isFalse();
    assertThat(digest).isNotEqualTo(ChannelHashes.signedDigest(digest));
  }

  @Test
  void malformedHeadersAreRefusedNamingTheBadPart() {
    String signature = SIGNATURE;
    assertThatThrownBy(() -> SignedRead.parse(null)).hasMessageContaining("missing");
    assertThatThrownBy(() -> SignedRead.parse("nonsense"))
        .hasMessageContaining("<unixSeconds>.<0x signature>")
        .hasMessageContaining("nonsense");
    assertThatThrownBy(() -> SignedRead.parse("-5." + signature))
        .hasMessageContaining("decimal digits")
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> SignedRead.parse("99999999999999999999." + signature))
        .hasMessageContaining("decimal digits");
    assertThatThrownBy(() -> SignedRead.parse("9999999999999999999." + signature))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> SignedRead.parse(SECONDS + ".0x1234"))
        .hasMessageContaining("130 hex digits")
        .hasMessageContaining("0x1234");
    String badV = signature.substring(0, signature.length() - 2) + "1d";
    assertThatThrownBy(() -> SignedRead.parse(SECONDS + "." + badV))
        .hasMessageContaining("v must be 27 or 28");
  }

  @Test
  void badRequestPartsAreRefusedNamingThem() {
    assertThatThrownBy(() -> SignedRead.digest("get", PATH, CHANNEL, SECONDS))
        .hasMessageContaining("upper-case")
        .hasMessageContaining("'get'");
    assertThatThrownBy(() -> SignedRead.digest("GET", "channels/x", CHANNEL, SECONDS))
        .hasMessageContaining("start with '/'")
        .hasMessageContaining("channels/x");
    assertThatThrownBy(() -> SignedRead.digest("GET", "/a b", CHANNEL, SECONDS))
        .hasMessageContaining("without spaces");
    assertThatThrownBy(() -> SignedRead.digest("GET", PATH, CHANNEL, -1))
        .hasMessageContaining("got -1");
  }
}
