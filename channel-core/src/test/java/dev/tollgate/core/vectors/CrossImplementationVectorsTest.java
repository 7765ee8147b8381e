package dev.tollgate.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.abi.ChannelAbi;
import dev.tollgate.core.channel.ChannelAddresses;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.merkle.MerkleTree;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * channel-core against an independent implementation: every encoding, hash, root and signature here
 * was computed by ethers and merkletreejs, and must match byte for byte.
 */
class CrossImplementationVectorsTest {

  static Stream<JsonNode> channelStates() {
    return ReferenceVectors.section("channelStates");
  }

  static Stream<JsonNode> addresses() {
    return ReferenceVectors.section("addresses");
  }

  static Stream<JsonNode> transferIds() {
    return ReferenceVectors.section("transferIds");
  }

  static Stream<JsonNode> hashlocks() {
    return ReferenceVectors.section("hashlocks");
  }

  static Stream<JsonNode> withdrawals() {
    return ReferenceVectors.section("withdrawals");
  }

  @Test
  void vectorsCoverWhatTheProtocolNeeds() {
    assertThat(channelStates().count()).isGreaterThanOrEqualTo(200);
    assertThat(channelStates().mapToInt(v -> v.get("transfers").size()).max().getAsInt())
        .isEqualTo(50);
    assertThat(channelStates().filter(v -> v.get("transfers").size() % 2 == 1).count())
        .as("odd leaf counts")
        .isGreaterThan(20);
    assertThat(
            channelStates()
                .filter(v -> v.get("state").toString().contains(Uint256.MAX_VALUE.toString())))
        .as("states with max uint256 amounts")
        .hasSizeGreaterThan(20);
    assertThat(
            channelStates().mapToInt(v -> v.get("state").get("assetIds").size()).max().getAsInt())
        .as("several assets")
        .isGreaterThanOrEqualTo(4);
    assertThat(transferIds().count()).isGreaterThanOrEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource("addresses")
  void checksumsMatchEthers(JsonNode v) {
    Address fromLower = Address.fromHex(v.get("lower").asText());
    assertThat(fromLower.toChecksumHex()).isEqualTo(v.get("checksummed").asText());
    assertThat(Address.fromHex(v.get("checksummed").asText())).isEqualTo(fromLower);
  }

  @ParameterizedTest
  @MethodSource("channelStates")
  void channelStateEncodingHashesAndSignaturesMatchEthers(JsonNode v) {
    CoreChannelState state = ChannelJson.coreChannelState(v.get("state"), "state");

    assertThat(Hex.encode(ChannelAbi.encode(state))).isEqualTo(v.get("encoded").asText());
    assertThat(ChannelHashes.stateHash(state).toHex()).isEqualTo(v.get("stateHash").asText());
    Bytes32 commitment = ChannelHashes.channelCommitment(state);
    assertThat(commitment.toHex()).isEqualTo(v.get("channelCommitment").asText());
    Bytes32 digest = ChannelHashes.signedDigest(commitment);
    assertThat(digest.toHex()).isEqualTo(v.get("digest").asText());

    LocalKeySigner alice = LocalKeySigner.fromHex(v.get("alicePrivateKey").asText());
    LocalKeySigner bob = LocalKeySigner.fromHex(v.get("bobPrivateKey").asText());
    assertThat(alice.address()).isEqualTo(state.alice());
    assertThat(bob.address()).isEqualTo(state.bob());
    // RFC 6979 on both sides: the same key and digest must give the same bytes.
    assertThat(alice.sign(digest).toHex()).isEqualTo(v.get("aliceSignature").asText());
    assertThat(bob.sign(digest).toHex()).isEqualTo(v.get("bobSignature").asText());
    assertThat(
            Secp256k1Signatures.recover(
                digest, Signature.fromHex(v.get("aliceSignature").asText())))
        .contains(state.alice());
    assertThat(
            Secp256k1Signatures.recover(digest, Signature.fromHex(v.get("bobSignature").asText())))
        .contains(state.bob());

    assertThat(ChannelJson.toJson(state)).isEqualTo(v.get("state"));
  }

  @ParameterizedTest
  @MethodSource("channelStates")
  void transfersAndMerkleRootMatchEthers(JsonNode v) {
    List<CoreTransferState> transfers =
        java.util.stream.StreamSupport.stream(v.get("transfers").spliterator(), false)
            .map(
                t -> {
                  CoreTransferState core = ChannelJson.coreTransferState(t, "transfer");
                  assertThat(Hex.encode(ChannelAbi.encode(core)))
                      .isEqualTo(t.get("encoded").asText());
                  assertThat(ChannelHashes.transferStateHash(core).toHex())
                      .isEqualTo(t.get("transferStateHash").asText());
                  assertThat(ChannelJson.toJson(core))
                      .isEqualTo(withoutFields(t, "encoded", "transferStateHash"));
                  return core;
                })
            .toList();

    List<Bytes32> leaves =
        transfers.stream()
            .sorted(Comparator.comparing(CoreTransferState::transferId))
            .map(ChannelHashes::transferStateHash)
            .toList();
    Bytes32 root = MerkleTree.root(leaves);
    assertThat(root.toHex()).isEqualTo(v.get("state").get("merkleRoot").asText());
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(MerkleTree.verify(MerkleTree.proof(leaves, i), root, leaves.get(i)))
          .as("proof of leaf %d of %d", i, leaves.size())
          .isTrue();
    }
  }

  static Stream<JsonNode> channelAddresses() {
    return ReferenceVectors.section("channelAddresses");
  }

  static Stream<JsonNode> resolverCommitments() {
    return ReferenceVectors.section("resolverCommitments");
  }

  @ParameterizedTest
  @MethodSource("channelAddresses")
  void channelAddressesMatchEthersCreate2(JsonNode v) {
    Address factory = Address.fromHex(v.get("factory").asText());
    Address mastercopy = Address.fromHex(v.get("mastercopy").asText());
    Address alice = Address.fromHex(v.get("alice").asText());
    Address bob = Address.fromHex(v.get("bob").asText());
    long chainId = v.get("chainId").asLong();
    assertThat(Hex.encode(ChannelAddresses.proxyCreationCode(mastercopy)))
        .isEqualTo(v.get("proxyCreationCode").asText());
    assertThat(ChannelAddresses.salt(alice, bob, chainId).toHex())
        .isEqualTo(v.get("salt").asText());
    assertThat(ChannelAddresses.channelAddress(factory, mastercopy, alice, bob, chainId))
        .isEqualTo(Address.fromHex(v.get("channelAddress").asText()));
  }

  @ParameterizedTest
  @MethodSource("resolverCommitments")
  void resolverCommitmentsMatchEthers(JsonNode v) {
    assertThat(
            ChannelHashes.resolverCommitment(
                    Bytes32.fromHex(v.get("transferId").asText()),
                    Hex.decode(v.get("encodedResolver").asText()))
                .toHex())
        .isEqualTo(v.get("resolverCommitment").asText());
  }

  @ParameterizedTest
  @MethodSource("transferIds")
  void transferIdsMatchEthers(JsonNode v) {
    Bytes32 id =
        ChannelHashes.transferId(
            Address.fromHex(v.get("transferDefinition").asText()),
            Address.fromHex(v.get("channelAddress").asText()),
            Uint256.parse(v.get("transferTimeout").asText()),
            v.get("channelNonce").asLong());
    assertThat(id.toHex()).isEqualTo(v.get("transferId").asText());
  }

  @ParameterizedTest
  @MethodSource("hashlocks")
  void hashlockEncodingsMatchEthers(JsonNode v) {
    Bytes32 preImage = Bytes32.fromHex(v.get("preImage").asText());
    Bytes32 lockHash = HashlockTransfer.lockHash(preImage);
    assertThat(lockHash.toHex()).isEqualTo(v.get("lockHash").asText());
    HashlockState state = new HashlockState(lockHash, Uint256.parse(v.get("expiry").asText()));
    assertThat(Hex.encode(state.encode())).isEqualTo(v.get("encodedState").asText());
    assertThat(state.hash().toHex()).isEqualTo(v.get("initialStateHash").asText());
    assertThat(Hex.encode(new HashlockResolver(preImage).encode()))
        .isEqualTo(v.get("encodedResolver").asText());
  }

  @ParameterizedTest
  @MethodSource("withdrawals")
  void withdrawCommitmentsMatchEthers(JsonNode v) {
    WithdrawData data = ChannelJson.withdrawData(v.get("withdrawData"), "withdrawData");
    assertThat(Hex.encode(ChannelAbi.encode(data))).isEqualTo(v.get("encoded").asText());
    assertThat(ChannelHashes.withdrawDataHash(data).toHex())
        .isEqualTo(v.get("withdrawDataHash").asText());
    Bytes32 commitment = ChannelHashes.withdrawCommitment(data);
    assertThat(commitment.toHex()).isEqualTo(v.get("commitment").asText());
    Bytes32 digest = ChannelHashes.signedDigest(commitment);
    assertThat(digest.toHex()).isEqualTo(v.get("digest").asText());
    assertThat(LocalKeySigner.fromHex(v.get("alicePrivateKey").asText()).sign(digest).toHex())
        .isEqualTo(v.get("aliceSignature").asText());
    assertThat(LocalKeySigner.fromHex(v.get("bobPrivateKey").asText()).sign(digest).toHex())
        .isEqualTo(v.get("bobSignature").asText());
    assertThat(ChannelJson.toJson(data)).isEqualTo(v.get("withdrawData"));
  }

  private static JsonNode withoutFields(JsonNode node, String... names) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy();
    copy.remove(List.of(names));
    return copy;
  }
}
