package dev.tollgate.functions.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.Web3jAdjudicatorReader;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.merkle.MerkleTree;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.transfer.WithdrawResolver;
import dev.tollgate.core.transfer.WithdrawState;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * A channel between the gateway (alice) and a payer (bob) on a {@link LocalContracts} chain, every
 * state built and signed by channel-core's {@link ChannelParty}s with the chain's clock and deposit
 * totals (read at one block) as inputs: what a test sends to the contracts is exactly what the
 * protocol signed.
 */
public final class SignedChannel {
  public static final long CHANNEL_TIMEOUT = 24 * ChannelRules.HOUR;
  public static final long TRANSFER_TIMEOUT = 12 * ChannelRules.HOUR;

  private final LocalContracts chain;
  private final Credentials payer;
  private final ChannelParty alice;
  private final ChannelParty bob;
  private final Web3jAdjudicatorReader reader;
  private final Address address;
  private Channel channel;

  /** The chain's gateway account as alice, its bob account as the payer. */
  public SignedChannel(LocalContracts chain) {
    this(chain, LocalContracts.signer(chain.gateway), chain.bob);
  }

  /** {@code gateway} signs as alice; {@code payer} signs as bob and pays his deposit. */
  public SignedChannel(LocalContracts chain, Signer gateway, Credentials payer) {
    this.chain = chain;
    this.payer = payer;
    ChannelRules rules = ChannelRules.defaults(chain.deployment.definitions());
    this.alice = new ChannelParty(gateway, rules);
    this.bob = new ChannelParty(LocalContracts.signer(payer), rules);
    this.reader = new Web3jAdjudicatorReader(chain.web3j);
    Address a = alice.signer().address();
    Address b = bob.signer().address();
    this.address = chain.deployment.channelAddress(a, b);
    this.channel = Channel.unopened(address, a, b, chain.deployment.network());
  }

  public Address address() {
    return address;
  }

  public Address bobAddress() {
    return bob.signer().address();
  }

  public Channel latest() {
    return channel;
  }

  /**
   * Sets the channel up, bob pays {@code deposit} of the test token to its address, the contract is
   * created, and the deposit is reconciled into a double-signed state.
   */
  public Channel open(long deposit) throws Exception {
    setup();
    chain.mint(payer, deposit);
    chain.transferToken(payer, address, deposit);
    chain
        .factory(chain.deployer)
        .createChannel(alice.signer().address().toChecksumHex(), payer.getAddress())
        .send();
    return deposit(chain.token());
  }

  public Channel setup() {
    return round(
        bob,
        alice,
        new UpdateParams.Setup(Uint256.of(CHANNEL_TIMEOUT), chain.deployment.network()));
  }

  /** Bob reconciles the asset's on-chain deposit totals into the channel. */
  public Channel deposit(Address asset) {
    return round(bob, alice, new UpdateParams.Deposit(asset));
  }

  /** Bob locks {@code amount} of the test token for alice under {@code preImage}'s hash. */
  public Bytes32 lockPayment(long amount, Bytes32 preImage) {
    round(
        bob,
        alice,
        new UpdateParams.Create(
            chain.token(),
            new Balance(
                Uint256.of(amount), Uint256.ZERO, bob.signer().address(), alice.signer().address()),
            chain.deployment.hashlockTransfer(),
            Uint256.of(TRANSFER_TIMEOUT),
            new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.ZERO)));
    return createdTransferId();
  }

  /** Alice, the responder, resolves a transfer. */
  public Channel resolve(Bytes32 transferId, TransferResolver resolver) {
    return round(alice, bob, new UpdateParams.Resolve(transferId, resolver));
  }

  public Channel pay(long amount, Bytes32 preImage) {
    return resolve(lockPayment(amount, preImage), new HashlockResolver(preImage));
  }

  /** A withdraw commitment both parties signed, for the contract's {@code withdraw}. */
  public record SignedWithdrawal(
      WithdrawData data, Signature aliceSignature, Signature bobSignature) {}

  /** Bob takes {@code amount} of the test token out to his own account. */
  public SignedWithdrawal withdrawForBob(long amount) {
    Address bobAddress = bob.signer().address();
    Address aliceAddress = alice.signer().address();
    WithdrawData data =
        new WithdrawData(
            address,
            chain.token(),
            bobAddress,
            Uint256.of(amount),
            Uint256.of(channel.nonce()),
            Address.ZERO,
            new byte[0]);
    Bytes32 commitment = ChannelHashes.withdrawCommitment(data);
    Signature bobSignature = bob.signer().sign(ChannelHashes.signedDigest(commitment));
    round(
        bob,
        alice,
        new UpdateParams.Create(
            chain.token(),
            new Balance(Uint256.of(amount), Uint256.ZERO, bobAddress, aliceAddress),
            chain.deployment.withdraw(),
            Uint256.of(TRANSFER_TIMEOUT),
            new WithdrawState(
                bobSignature,
                bobAddress,
                aliceAddress,
                commitment,
                Uint256.of(channel.nonce()),
                Uint256.ZERO,
                Address.ZERO,
                new byte[0])));
    Bytes32 transferId = createdTransferId();
    Signature aliceSignature = alice.signer().sign(ChannelHashes.signedDigest(commitment));
    resolve(transferId, WithdrawResolver.signed(aliceSignature));
    return new SignedWithdrawal(data, aliceSignature, bobSignature);
  }

  public static Signature aliceSignature(Channel c) {
    return c.latestUpdate().orElseThrow().aliceSignature().orElseThrow();
  }

  public static Signature bobSignature(Channel c) {
    return c.latestUpdate().orElseThrow().bobSignature().orElseThrow();
  }

  /** The merkle proof of one active transfer against {@code c}'s root. */
  public static List<Bytes32> proof(Channel c, Bytes32 transferId) {
    List<Bytes32> leaves = c.activeTransfers().values().stream().map(ActiveTransfer::leaf).toList();
    int index = new ArrayList<>(c.activeTransfers().keySet()).indexOf(transferId);
    if (index < 0) {
      throw new IllegalArgumentException("no active transfer " + transferId);
    }
    return MerkleTree.proof(leaves, index);
  }

  /** A distinct preimage per payment. */
  public static Bytes32 preImage(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) 0x5c;
    b[30] = (byte) (n >> 8);
    b[31] = (byte) n;
    return Bytes32.of(b);
  }

  private Bytes32 createdTransferId() {
    return ((UpdateDetails.Create) channel.latestUpdate().orElseThrow().details()).transferId();
  }

  private Channel round(ChannelParty proposer, ChannelParty receiver, UpdateParams params) {
    ChainInputs inputs = inputs(params);
    Transition proposed = ok(proposer.propose(channel, params, inputs));
    Transition countersigned = ok(receiver.countersign(channel, proposed.update(), inputs));
    Transition accepted = ok(proposer.acceptDoubleSigned(channel, countersigned.update(), inputs));
    assertThat(accepted.next().state()).isEqualTo(countersigned.next().state());
    channel = countersigned.next();
    return channel;
  }

  private ChainInputs inputs(UpdateParams params) {
    var head = reader.head();
    ChainInputs inputs = ChainInputs.at(head.timestamp());
    if (params instanceof UpdateParams.Deposit d) {
      inputs =
          inputs.withDeposits(
              d.assetId(), reader.depositTotalsAt(address, d.assetId(), head.number()));
    }
    return inputs;
  }

  private static <T> T ok(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw new AssertionError("channel-core refused the update: " + outcome.rejection());
    }
    return outcome.value();
  }
}
