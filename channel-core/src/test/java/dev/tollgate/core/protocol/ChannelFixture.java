package dev.tollgate.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;

/**
 * Two parties and a channel between them: alice is the gateway, bob the payer. Drives complete
 * rounds (propose, countersign, accept) so tests start from states both sides have really signed.
 */
public final class ChannelFixture {
  static final long NOW = 1_700_000_000L;
  static final Uint256 CHANNEL_TIMEOUT = Uint256.of(48 * ChannelRules.HOUR);
  static final Uint256 TRANSFER_TIMEOUT = Uint256.of(24 * ChannelRules.HOUR);

  final LocalKeySigner aliceKey =
      LocalKeySigner.fromHex("0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63");
  final LocalKeySigner bobKey =
      LocalKeySigner.fromHex("0xc87509a1c067bbde78beb793e6fa76530b6382a4c0241e5e4a9ec0a0f44dc0d3");
  final LocalKeySigner carolKey =
      LocalKeySigner.fromHex("0xae6ae8e5ccbfb04590405997ee2d52d2b330726137b875053c36d94e974d162f");
  final Address hashlockDefinition = Address.fromHex("0x00000000000000000000000000000000000A11CE");
  final Address withdrawDefinition = Address.fromHex("0x0000000000000000000000000000000000000B0B");
  final Address token = Address.fromHex("0x1000000000000000000000000000000000000001");
  final Address otherToken = Address.fromHex("0x2000000000000000000000000000000000000002");
  final Address channelAddress = Address.fromHex("0xc0ffee0000000000000000000000000000000001");
  final NetworkContext network =
      new NetworkContext(
          31337,
          Address.fromHex("0xfac7000000000000000000000000000000000001"),
          Address.fromHex("0x5e65000000000000000000000000000000000001"));
  final ChannelRules rules;
  public final ChannelParty alice;
  public final ChannelParty bob;

  public ChannelFixture() {
    this(
        ChannelRules.defaults(
            TransferRegistry.of(
                Address.fromHex("0x00000000000000000000000000000000000A11CE"),
                Address.fromHex("0x0000000000000000000000000000000000000B0B"))));
  }

  ChannelFixture(ChannelRules rules) {
    this.rules = rules;
    this.alice = new ChannelParty(aliceKey, rules);
    this.bob = new ChannelParty(bobKey, rules);
  }

  static ChannelRules defaultRules() {
    return new ChannelFixture().rules;
  }

  public ChainInputs inputs() {
    return ChainInputs.at(NOW);
  }

  ChainInputs deposits(Address asset, long aliceTotal, long bobTotal) {
    return deposits(asset, BigInteger.valueOf(aliceTotal), BigInteger.valueOf(bobTotal));
  }

  ChainInputs deposits(Address asset, BigInteger aliceTotal, BigInteger bobTotal) {
    return inputs()
        .withDeposits(asset, new DepositTotals(Uint256.of(aliceTotal), Uint256.of(bobTotal)));
  }

  Channel unopened() {
    return Channel.unopened(channelAddress, aliceKey.address(), bobKey.address(), network);
  }

  Channel open() {
    return round(
        unopened(), bob, alice, new UpdateParams.Setup(CHANNEL_TIMEOUT, network), inputs());
  }

  /** Set up, then bob's and alice's on-chain deposits of {@link #token} reconciled. */
  public Channel funded(long aliceTotal, long bobTotal) {
    return funded(BigInteger.valueOf(aliceTotal), BigInteger.valueOf(bobTotal));
  }

  Channel funded(BigInteger aliceTotal, BigInteger bobTotal) {
    return round(
        open(), bob, alice, new UpdateParams.Deposit(token), deposits(token, aliceTotal, bobTotal));
  }

  /**
   * A complete round: the proposer signs, the receiver validates and countersigns, the proposer
   * takes the double-signed update. Both must end in byte-identical channels.
   */
  public Channel round(
      Channel c, ChannelParty proposer, ChannelParty receiver, UpdateParams p, ChainInputs in) {
    Transition proposed = okOrFail(proposer.propose(c, p, in));
    Transition countersigned = okOrFail(receiver.countersign(c, proposed.update(), in));
    Transition accepted = okOrFail(proposer.acceptDoubleSigned(c, countersigned.update(), in));
    assertThat(countersigned.update().isDoubleSigned()).isTrue();
    assertThat(ChannelJson.toJson(accepted.next()))
        .isEqualTo(ChannelJson.toJson(countersigned.next()));
    return countersigned.next();
  }

  public UpdateParams.Create hashlock(
      ChannelParty payer, ChannelParty payee, long amount, Bytes32 preImage, long expiry) {
    return new UpdateParams.Create(
        token,
        new Balance(
            Uint256.of(amount), Uint256.ZERO, payer.signer().address(), payee.signer().address()),
        hashlockDefinition,
        TRANSFER_TIMEOUT,
        new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.of(expiry)));
  }

  public static Bytes32 preImage(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) 0x5e;
    b[31] = (byte) n;
    b[30] = (byte) (n >> 8);
    return Bytes32.of(b);
  }

  /** Bob pays alice {@code amount}: create by bob, resolve by alice with the preimage. */
  Channel pay(Channel c, long amount, int preImageSeed) {
    Bytes32 preImage = preImage(preImageSeed);
    Channel created = round(c, bob, alice, hashlock(bob, alice, amount, preImage, 0), inputs());
    Bytes32 id = createdTransferId(created);
    return round(
        created,
        alice,
        bob,
        new UpdateParams.Resolve(id, new HashlockResolver(preImage)),
        inputs());
  }

  /** The id of the transfer the channel's latest (create) update made. */
  static Bytes32 createdTransferId(Channel c) {
    return ((UpdateDetails.Create) c.latestUpdate().orElseThrow().details()).transferId();
  }

  static <T> T okOrFail(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw new AssertionError("expected success, got " + outcome.rejection());
    }
    return outcome.value();
  }
}
