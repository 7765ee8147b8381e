package dev.tollgate.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.transfer.WithdrawResolver;
import dev.tollgate.core.transfer.WithdrawState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.update.UpdateType;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelJsonTest {
  // ---- a channel built step by step through the real protocol ----

  private static final long NOW = 1_700_000_000L;
  private static final LocalKeySigner ALICE_KEY = LocalKeySigner.fromHex("0x" + "a1".repeat(32));
  private static final LocalKeySigner BOB_KEY = LocalKeySigner.fromHex("0x" + "b2".repeat(32));
  private static final Address ALICE = ALICE_KEY.address();
  private static final Address BOB = BOB_KEY.address();
  private static final Address CHANNEL = Address.fromHex("0x" + "cc".repeat(20));
  private static final Address HASHLOCK_DEF = Address.fromHex("0x" + "00".repeat(19) + "a1");
  private static final Address WITHDRAW_DEF = Address.fromHex("0x" + "00".repeat(19) + "a2");
  private static final Address ETH = Address.ZERO;
  private static final Address TOKEN = Address.fromHex("0x" + "7e".repeat(20));
  private static final NetworkContext NETWORK =
      new NetworkContext(
          1337,
          Address.fromHex("0x" + "00".repeat(19) + "f1"),
          Address.fromHex("0x" + "00".repeat(19) + "f2"));
  private static final ChannelRules RULES =
      ChannelRules.defaults(TransferRegistry.of(HASHLOCK_DEF, WITHDRAW_DEF));
  private static final ChannelParty ALICE_PARTY = new ChannelParty(ALICE_KEY, RULES);
  private static final ChannelParty BOB_PARTY = new ChannelParty(BOB_KEY, RULES);
  private static final Uint256 TRANSFER_TIMEOUT = Uint256.of(24 * ChannelRules.HOUR);
  private static final Bytes32 PREIMAGE = Bytes32.fromHex("0x" + "5e".repeat(32));
  private static final Bytes32 PREIMAGE_2 = Bytes32.fromHex("0x" + "6f".repeat(32));

  private static final WithdrawData WITHDRAW_DATA =
      new WithdrawData(
          CHANNEL,
          TOKEN,
          ALICE,
          Uint256.of(290),
          Uint256.ONE,
          Address.fromHex("0x" + "ca".repeat(20)),
          new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
  private static final Bytes32 WITHDRAW_COMMITMENT =
      ChannelHashes.withdrawCommitment(WITHDRAW_DATA);
  private static final WithdrawState WITHDRAW_STATE =
      new WithdrawState(
          ALICE_KEY.sign(ChannelHashes.signedDigest(WITHDRAW_COMMITMENT)),
          ALICE,
          BOB,
          WITHDRAW_COMMITMENT,
          Uint256.ONE,
          Uint256.of(10),
          WITHDRAW_DATA.callTo(),
          WITHDRAW_DATA.callData());

  private static final Channel SET_UP =
      agree(
          Channel.unopened(CHANNEL, ALICE, BOB, NETWORK),
          ALICE_PARTY,
          BOB_PARTY,
          new UpdateParams.Setup(Uint256.of(48 * ChannelRules.HOUR), NETWORK),
          ChainInputs.at(NOW));
  private static final Channel ETH_DEPOSITED =
      agree(
          SET_UP,
          ALICE_PARTY,
          BOB_PARTY,
          new UpdateParams.Deposit(ETH),
          ChainInputs.at(NOW)
              .withDeposits(ETH, new DepositTotals(Uint256.of(1000), Uint256.of(500))));
  private static final Channel TOKEN_DEPOSITED =
      agree(
          ETH_DEPOSITED,
          BOB_PARTY,
          ALICE_PARTY,
          new UpdateParams.Deposit(TOKEN),
          ChainInputs.at(NOW)
              .withDeposits(
                  TOKEN, new DepositTotals(Uint256.parse("2000000000000000000000"), Uint256.ZERO)));
  private static final Channel HASHLOCKED =
      agree(
          TOKEN_DEPOSITED,
          ALICE_PARTY,
          BOB_PARTY,
          new UpdateParams.Create(
              ETH,
              transferBalance(100, ALICE, BOB),
              HASHLOCK_DEF,
              TRANSFER_TIMEOUT,
              new HashlockState(HashlockTransfer.lockHash(PREIMAGE), Uint256.of(NOW + 3600))),
          ChainInputs.at(NOW));
  private static final Channel TWO_LOCKS =
      agree(
          HASHLOCKED,
          BOB_PARTY,
          ALICE_PARTY,
          new UpdateParams.Create(
              ETH,
              transferBalance(50, BOB, ALICE),
              HASHLOCK_DEF,
              TRANSFER_TIMEOUT,
              new HashlockState(HashlockTransfer.lockHash(PREIMAGE_2), Uint256.ZERO)),
          ChainInputs.at(NOW));
  private static final Channel HASHLOCK_RESOLVED =
      agree(
          TWO_LOCKS,
          BOB_PARTY,
          ALICE_PARTY,
          new UpdateParams.Resolve(createdTransferId(HASHLOCKED), new HashlockResolver(PREIMAGE)),
          ChainInputs.at(NOW + 10));
  private static final Channel WITHDRAWING =
      agree(
          HASHLOCK_RESOLVED,
          ALICE_PARTY,
          BOB_PARTY,
          new UpdateParams.Create(
              TOKEN,
              transferBalance(300, ALICE, BOB),
              WITHDRAW_DEF,
              TRANSFER_TIMEOUT,
              WITHDRAW_STATE),
          ChainInputs.at(NOW + 20));
  private static final Signature BOB_WITHDRAW_SIG =
      BOB_KEY.sign(ChannelHashes.signedDigest(WITHDRAW_COMMITMENT));
  private static final Channel WITHDRAWN =
      agree(
          WITHDRAWING,
          BOB_PARTY,
          ALICE_PARTY,
          new UpdateParams.Resolve(
              createdTransferId(WITHDRAWING), WithdrawResolver.signed(BOB_WITHDRAW_SIG)),
          ChainInputs.at(NOW + 30));
  private static final Channel WITHDRAW_CANCELLED =
      agree(
          WITHDRAWING,
          BOB_PARTY,
          ALICE_PARTY,
          new UpdateParams.Resolve(createdTransferId(WITHDRAWING), WithdrawResolver.cancel()),
          ChainInputs.at(NOW + 30));

  private static final String ZERO_SIGNATURE_HEX = "0x" + "00".repeat(65);

  // ---- round trips ----

  @Test
  void everyStageOfTheChannelRoundTripsThroughJsonText() {
    for (Map.Entry<String, Channel> stage : stages().entrySet()) {
      assertThat(roundTrip(stage.getValue())).as(stage.getKey()).isEqualTo(stage.getValue());
    }
  }

  @Test
  void theFixtureReallyReachedEachStage() {
    assertThat(SET_UP.nonce()).isEqualTo(1);
    assertThat(TOKEN_DEPOSITED.state().assetIds()).containsExactly(ETH, TOKEN);
    assertThat(TWO_LOCKS.activeTransfers()).hasSize(2);
    assertThat(HASHLOCK_RESOLVED.activeTransfers()).hasSize(1);
    assertThat(WITHDRAWING.activeTransfers()).hasSize(2);
    assertThat(WITHDRAWN.activeTransfers()).hasSize(1);
    assertThat(WITHDRAWN.nonce()).isEqualTo(8);
    assertThat(WITHDRAWN.latestUpdate())
        .hasValueSatisfying(u -> assertThat(u.isDoubleSigned()).isTrue());
  }

  @Test
  void setupUpdateRoundTrips() {
    ChannelUpdate update = latest(SET_UP);
    assertThat(update.type()).isEqualTo(UpdateType.SETUP);
    assertThat(roundTrip(update)).isEqualTo(update);
  }

  @Test
  void depositUpdateRoundTrips() {
    ChannelUpdate update = latest(TOKEN_DEPOSITED);
    assertThat(update.details())
        .isEqualTo(
            new UpdateDetails.Deposit(Uint256.parse("2000000000000000000000"), Uint256.ZERO));
    assertThat(roundTrip(update)).isEqualTo(update);
  }

  @Test
  void hashlockCreateUpdateRoundTrips() {
    ChannelUpdate update = latest(HASHLOCKED);
    assertThat(update.details()).isInstanceOf(UpdateDetails.Create.class);
    assertThat(roundTrip(update)).isEqualTo(update);
  }

  @Test
  void hashlockResolveUpdateRoundTrips() {
    ChannelUpdate update = latest(HASHLOCK_RESOLVED);
    assertThat(update.details())
        .isInstanceOfSatisfying(
            UpdateDetails.Resolve.class,
            r -> assertThat(r.transferResolver()).isEqualTo(new HashlockResolver(PREIMAGE)));
    assertThat(roundTrip(update)).isEqualTo(update);
  }

  @Test
  void withdrawCreateUpdateRoundTrips() {
    ChannelUpdate update = latest(WITHDRAWING);
    assertThat(update.details())
        .isInstanceOfSatisfying(
            UpdateDetails.Create.class,
            c -> assertThat(c.transferInitialState()).isEqualTo(WITHDRAW_STATE));
    assertThat(roundTrip(update)).isEqualTo(update);
  }

  @Test
  void signedWithdrawResolveUpdateRoundTrips() {
    ChannelUpdate update = latest(WITHDRAWN);
    assertThat(roundTrip(update)).isEqualTo(update);
    assertThat(((UpdateDetails.Resolve) roundTrip(update).details()).transferResolver())
        .isEqualTo(WithdrawResolver.signed(BOB_WITHDRAW_SIG));
  }

  @Test
  void cancelledWithdrawResolveUpdateRoundTrips() {
    ChannelUpdate update = latest(WITHDRAW_CANCELLED);
    assertThat(roundTrip(update)).isEqualTo(update);
    assertThat(((UpdateDetails.Resolve) roundTrip(update).details()).transferResolver())
        .isEqualTo(WithdrawResolver.cancel());
  }

  @Test
  void anUnsignedUpdateRoundTripsWithoutSignatures() {
    ChannelUpdate unsigned = latest(HASHLOCKED).unsigned();
    ObjectNode json = ChannelJson.toJson(unsigned);
    assertThat(json.has("aliceSignature")).isFalse();
    assertThat(json.has("bobSignature")).isFalse();
    ChannelUpdate back = roundTrip(unsigned);
    assertThat(back).isEqualTo(unsigned);
    assertThat(back.aliceSignature()).isEmpty();
    assertThat(back.bobSignature()).isEmpty();
  }

  @Test
  void withdrawStateRoundTrips() {
    JsonNode json = reparse(ChannelJson.toJson(WITHDRAW_STATE));
    assertThat(json.get("callData").asText()).isEqualTo("0xdeadbeef");
    assertThat(ChannelJson.transferInitialState(json, "state")).isEqualTo(WITHDRAW_STATE);
  }

  @Test
  void hashlockStateRoundTrips() {
    HashlockState state = new HashlockState(HashlockTransfer.lockHash(PREIMAGE), Uint256.of(NOW));
    assertThat(ChannelJson.transferInitialState(reparse(ChannelJson.toJson(state)), "state"))
        .isEqualTo(state);
  }

  @Test
  void signedWithdrawResolverRoundTrips() {
    WithdrawResolver signed = WithdrawResolver.signed(BOB_WITHDRAW_SIG);
    JsonNode json = reparse(ChannelJson.toJson(signed));
    assertThat(json.get("responderSignature").asText()).isEqualTo(BOB_WITHDRAW_SIG.toHex());
    assertThat(ChannelJson.transferResolver(json, "resolver")).isEqualTo(signed);
  }

  @Test
  void cancelWithdrawResolverIsWrittenAs65ZeroBytesAndReadBackAsCancel() {
    JsonNode json = reparse(ChannelJson.toJson(WithdrawResolver.cancel()));
    assertThat(json.get("responderSignature").asText()).isEqualTo(ZERO_SIGNATURE_HEX);
    assertThat(ChannelJson.transferResolver(json, "resolver")).isEqualTo(WithdrawResolver.cancel());
  }

  @Test
  void hashlockResolverRoundTrips() {
    HashlockResolver resolver = new HashlockResolver(PREIMAGE);
    assertThat(ChannelJson.transferResolver(reparse(ChannelJson.toJson(resolver)), "resolver"))
        .isEqualTo(resolver);
  }

  @Test
  void withdrawDataRoundTrips() {
    assertThat(ChannelJson.withdrawData(reparse(ChannelJson.toJson(WITHDRAW_DATA)), "data"))
        .isEqualTo(WITHDRAW_DATA);
  }

  @Test
  void activeWithdrawTransferRoundTrips() {
    ActiveTransfer withdraw = WITHDRAWING.activeTransfers().get(createdTransferId(WITHDRAWING));
    assertThat(withdraw.initialState()).isEqualTo(WITHDRAW_STATE);
    assertThat(ChannelJson.activeTransfer(reparse(ChannelJson.toJson(withdraw)), "t"))
        .isEqualTo(withdraw);
  }

  @Test
  void wireFormUsesDecimalStringsChecksummedAddressesAndNumericNonces() {
    JsonNode json = reparse(ChannelJson.toJson(TOKEN_DEPOSITED));
    assertThat(json.get("nonce").isIntegralNumber()).isTrue();
    assertThat(json.get("nonce").asLong()).isEqualTo(3);
    assertThat(json.get("balances").get(1).get("amount").get(0).isTextual()).isTrue();
    assertThat(json.get("balances").get(1).get("amount").get(0).asText())
        .isEqualTo("2000000000000000000000");
    assertThat(json.get("alice").asText()).isEqualTo(ALICE.toChecksumHex());
    assertThat(json.get("networkContext").get("chainId").asLong()).isEqualTo(1337);
    assertThat(json.get("latestUpdate").get("type").asText()).isEqualTo("deposit");
  }

  // ---- malformed input ----

  @Test
  void nonDecimalAmountIsReportedAtItsPath() {
    ObjectNode json = ChannelJson.toJson(TOKEN_DEPOSITED);
    ((ArrayNode) json.get("balances").get(1).get("amount")).set(0, "12abc");
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("balances[1].amount[0]");
    assertThat(e.getMessage()).contains("12abc");
  }

  @Test
  void missingMerkleRootIsReportedAtItsPath() {
    ObjectNode json = ChannelJson.toJson(HASHLOCKED);
    json.remove("merkleRoot");
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("merkleRoot");
    assertThat(e.getMessage()).contains("missing");
  }

  @Test
  void nonceAsAStringIsRejected() {
    ObjectNode json = ChannelJson.toJson(SET_UP);
    json.put("nonce", "1");
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("nonce");
    assertThat(e.getMessage()).contains("non-negative integer");
  }

  @Test
  void negativeNonceIsRejected() {
    ObjectNode json = ChannelJson.toJson(SET_UP);
    json.put("nonce", -1);
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("nonce");
    assertThat(e.getMessage()).contains("-1");
  }

  @Test
  void fractionalNonceIsRejected() {
    ObjectNode json = ChannelJson.toJson(SET_UP);
    json.put("nonce", 1.5);
    assertThat(rejectChannel(json).path()).isEqualTo("nonce");
  }

  @Test
  void unknownUpdateTypeIsReportedAtItsPath() {
    ObjectNode json = ChannelJson.toJson(ETH_DEPOSITED);
    ((ObjectNode) json.get("latestUpdate")).put("type", "withdraw");
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("latestUpdate.type");
    assertThat(e.getMessage()).contains("unknown update type 'withdraw'");
  }

  @Test
  void balanceWithThreeAmountsIsRejected() {
    ObjectNode json = ChannelJson.toJson(ETH_DEPOSITED);
    ((ArrayNode) json.get("balances").get(0).get("amount")).add("1");
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("balances[0].amount");
    assertThat(e.getMessage()).contains("exactly two amounts").contains("got 3");
  }

  @Test
  void transferInitialStateOfNeitherShapeIsReportedAtItsPath() {
    ObjectNode json = ChannelJson.toJson(HASHLOCKED);
    ObjectNode details = (ObjectNode) json.get("latestUpdate").get("details");
    details.putObject("transferInitialState").put("secret", "0x1234");
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("latestUpdate.details.transferInitialState");
    assertThat(e.getMessage())
        .contains("neither a hashlock state")
        .contains("nor a withdraw state");
  }

  @Test
  void highSAliceSignatureIsRejected() {
    ObjectNode json = ChannelJson.toJson(HASHLOCKED);
    Signature low = latest(HASHLOCKED).aliceSignature().orElseThrow();
    ((ObjectNode) json.get("latestUpdate")).put("aliceSignature", malleate(low));
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("latestUpdate.aliceSignature");
    assertThat(e.getMessage()).contains("high-s");
  }

  @Test
  void invalidJsonTextIsRejected() {
    JsonFormatException e =
        catchThrowableOfType(JsonFormatException.class, () -> ChannelJson.parse("{\"nonce\": 1, "));
    assertThat(e).isNotNull();
    assertThat(e.path()).isEmpty();
    assertThat(e.getMessage()).contains("not valid JSON");
  }

  @Test
  void emptyInputIsRejected() {
    JsonFormatException e = rejectChannelText("");
    assertThat(e).isNotNull();
    assertThat(e.path()).isEmpty();
  }

  @Test
  void aTopLevelArrayIsRejected() {
    JsonFormatException e = rejectChannelText("[]");
    assertThat(e.path()).isEmpty();
    assertThat(e.getMessage()).contains("expected a JSON object");
  }

  @Test
  void badAddressChecksumIsReportedAtItsPath() {
    ObjectNode json = ChannelJson.toJson(SET_UP);
    String alice = ALICE.toChecksumHex();
    int letter = firstLetterIndex(alice);
    String flipped = flipCase(alice, letter);
    json.put("alice", flipped);
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("alice");
    assertThat(e.getMessage()).contains("checksum").contains(alice);
  }

  @Test
  void activeTransferWhoseStateDoesNotMatchItsHashIsRejected() {
    ObjectNode json = ChannelJson.toJson(HASHLOCKED);
    ObjectNode state = (ObjectNode) json.get("activeTransfers").get(0).get("transferState");
    state.put("expiry", "0");
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("activeTransfers[0]");
    assertThat(e.getMessage()).contains("initialStateHash does not match");
  }

  @Test
  void invalidWithdrawResponderSignatureIsReportedAtItsPath() {
    ObjectNode json = ChannelJson.toJson(WITHDRAWN);
    ObjectNode resolver =
        (ObjectNode) json.get("latestUpdate").get("details").get("transferResolver");
    byte[] sig = BOB_WITHDRAW_SIG.toArray();
    sig[64] = 0;
    resolver.put("responderSignature", Hex.encode(sig));
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("latestUpdate.details.transferResolver.responderSignature");
    assertThat(e.getMessage()).contains("v must be 27 or 28, got 0");
  }

  @Test
  void updateNonceZeroIsRejectedUnderTheUpdate() {
    ObjectNode json = ChannelJson.toJson(SET_UP);
    ((ObjectNode) json.get("latestUpdate")).put("nonce", 0);
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("latestUpdate");
    assertThat(e.getMessage()).contains("at least 1, got 0");
  }

  @Test
  void perAssetListsOfDifferentLengthsAreRejected() {
    ObjectNode json = ChannelJson.toJson(TOKEN_DEPOSITED);
    ((ArrayNode) json.get("processedDepositsA")).remove(1);
    JsonFormatException e = rejectChannel(json);
    assertThat(e.getMessage()).contains("per-asset lists").contains("processedDepositsA=1");
  }

  @Test
  void nonPositiveChainIdInASetupUpdateIsReportedUnderItsNetworkContext() {
    ObjectNode json = ChannelJson.toJson(SET_UP);
    ObjectNode details = (ObjectNode) json.get("latestUpdate").get("details");
    ((ObjectNode) details.get("networkContext")).put("chainId", 0);
    JsonFormatException e = rejectChannel(json);
    assertThat(e.path()).isEqualTo("latestUpdate.details.networkContext");
    assertThat(e.getMessage()).contains("chainId must be positive, got 0");
  }

  @Test
  void pathsArePrefixedWithTheCallersPath() {
    ObjectNode update = ChannelJson.toJson(latest(ETH_DEPOSITED));
    ((ObjectNode) update.get("details")).put("totalDepositsBob", "-5");
    JsonFormatException e =
        catchThrowableOfType(
            JsonFormatException.class, () -> ChannelJson.update(update, "body.update"));
    assertThat(e.path()).isEqualTo("body.update.details.totalDepositsBob");
    assertThat(e.getMessage()).startsWith("body.update.details.totalDepositsBob: ").contains("-5");
  }

  // ---- helpers ----

  private static Channel agree(
      Channel channel,
      ChannelParty proposer,
      ChannelParty counterparty,
      UpdateParams params,
      ChainInputs inputs) {
    Transition proposed = proposer.propose(channel, params, inputs).value();
    return counterparty.countersign(channel, proposed.update(), inputs).value().next();
  }

  private static Balance transferBalance(long amount, Address initiator, Address responder) {
    return new Balance(Uint256.of(amount), Uint256.ZERO, initiator, responder);
  }

  private static Bytes32 createdTransferId(Channel channel) {
    return ((UpdateDetails.Create) latest(channel).details()).transferId();
  }

  private static ChannelUpdate latest(Channel channel) {
    return channel.latestUpdate().orElseThrow();
  }

  private static Map<String, Channel> stages() {
    Map<String, Channel> stages = new LinkedHashMap<>();
    stages.put("unopened", Channel.unopened(CHANNEL, ALICE, BOB, NETWORK));
    stages.put("set up", SET_UP);
    stages.put("eth deposited", ETH_DEPOSITED);
    stages.put("token deposited", TOKEN_DEPOSITED);
    stages.put("hashlocked", HASHLOCKED);
    stages.put("two locks", TWO_LOCKS);
    stages.put("hashlock resolved", HASHLOCK_RESOLVED);
    stages.put("withdrawing", WITHDRAWING);
    stages.put("withdrawn", WITHDRAWN);
    stages.put("withdraw cancelled", WITHDRAW_CANCELLED);
    return stages;
  }

  private static Channel roundTrip(Channel channel) {
    return ChannelJson.channel(reparse(ChannelJson.toJson(channel)), "");
  }

  private static ChannelUpdate roundTrip(ChannelUpdate update) {
    return ChannelJson.update(reparse(ChannelJson.toJson(update)), "");
  }

  /** Through the text form, as a peer would receive it. */
  private static JsonNode reparse(JsonNode node) {
    return ChannelJson.parse(ChannelJson.write(node));
  }

  private static JsonFormatException rejectChannel(ObjectNode json) {
    return rejectChannelText(ChannelJson.write(json));
  }

  private static JsonFormatException rejectChannelText(String text) {
    JsonFormatException e =
        catchThrowableOfType(
            JsonFormatException.class, () -> ChannelJson.channel(ChannelJson.parse(text), ""));
    assertThat(e).as("a JsonFormatException for %s", text).isNotNull();
    return e;
  }

  /** The same ECDSA signature with s replaced by n - s and the other recovery id. */
  private static String malleate(Signature signature) {
    byte[] raw = signature.toArray();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));
    byte[] highS = Signature.CURVE_ORDER.subtract(s).toByteArray();
    byte[] out = Arrays.copyOf(raw, 65);
    Arrays.fill(out, 32, 64, (byte) 0);
    int len = Math.min(highS.length, 32);
    System.arraycopy(highS, highS.length - len, out, 64 - len, len);
    out[64] = (byte) (raw[64] == 27 ? 28 : 27);
    return Hex.encode(out);
  }

  private static int firstLetterIndex(String hex) {
    for (int i = 2; i < hex.length(); i++) {
      if (Character.isLetter(hex.charAt(i))) {
        return i;
      }
    }
    throw new IllegalStateException("no letter in " + hex);
  }

  private static String flipCase(String s, int i) {
    char c = s.charAt(i);
    char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
    return s.substring(0, i) + flipped + s.substring(i + 1);
  }
}
