package dev.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.Web3jChainReader;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.merkle.MerkleTree;
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

/**
 * One channel between alice and bob on the local chain, driven only through channel-core: every
 * state and signature a test sends to the contracts was built and signed by {@link ChannelParty},
 * with the chain's own clock and deposit totals as the inputs.
 */
final class ChannelSession {
  static final long CHANNEL_TIMEOUT = 24 * ChannelRules.HOUR;
  static final long TRANSFER_TIMEOUT = 12 * ChannelRules.HOUR;

  final LocalChain chain;
  final ChannelParty alice;
  final ChannelParty bob;
  final Address address;
  private final Web3jChainReader reader;
  private Channel channel;

  ChannelSession(LocalChain chain) {
    this.chain = chain;
    ChannelRules rules = ChannelRules.defaults(chain.deployment.definitions());
    this.alice = new ChannelParty(LocalChain.signer(chain.alice), rules);
    this.bob = new ChannelParty(LocalChain.signer(chain.bob), rules);
    this.address =
        chain.deployment.channelAddress(alice.signer().address(), bob.signer().address());
    this.reader = new Web3jChainReader(chain.web3j);
    this.channel =
        Channel.unopened(
            address, alice.signer().address(), bob.signer().address(), chain.deployment.network());
  }

  private Channel previous;

  Channel latest() {
    return channel;
  }

  Channel setup() {
    return round(
        bob,
        alice,
        new UpdateParams.Setup(Uint256.of(CHANNEL_TIMEOUT), chain.deployment.network()));
  }

  /** Reconciles the asset's on-chain deposit totals into the channel, proposed by bob. */
  Channel deposit(Address asset) {
    return round(bob, alice, new UpdateParams.Deposit(asset));
  }

  /** Bob locks {@code amount} for alice under {@code preImage}'s hash; returns the transfer id. */
  Bytes32 lockPayment(long amount, Bytes32 preImage) {
    round(
        bob,
        alice,
        new UpdateParams.Create(
            chain.deployment.testToken(),
            new Balance(
                Uint256.of(amount), Uint256.ZERO, bob.signer().address(), alice.signer().address()),
            chain.deployment.hashlockTransfer(),
            Uint256.of(TRANSFER_TIMEOUT),
            new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.ZERO)));
    return ((UpdateDetails.Create) channel.latestUpdate().orElseThrow().details()).transferId();
  }

  /** Alice, the responder, resolves a transfer. */
  Channel resolve(Bytes32 transferId, TransferResolver resolver) {
    return round(alice, bob, new UpdateParams.Resolve(transferId, resolver));
  }

  /** A complete payment: lock, then alice resolves with the preimage. */
  Channel pay(long amount, Bytes32 preImage) {
    return resolve(lockPayment(amount, preImage), new HashlockResolver(preImage));
  }

  /** A withdraw commitment both parties signed, ready for the contract's {@code withdraw}. */
  record SignedWithdrawal(WithdrawData data, Signature aliceSignature, Signature bobSignature) {}

  /**
   * Bob takes {@code amount} of the test token out to his own account: a Withdraw transfer whose
   * state carries his signature on the commitment, resolved by alice's countersignature.
   */
  SignedWithdrawal withdrawForBob(long amount) {
    Address token = chain.deployment.testToken();
    Address bobAddress = bob.signer().address();
    Address aliceAddress = alice.signer().address();
    WithdrawData data =
        new WithdrawData(
            address,
            token,
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
            token,
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
    Bytes32 transferId =
        ((UpdateDetails.Create) channel.latestUpdate().orElseThrow().details()).transferId();
    Signature aliceSignature = alice.signer().sign(ChannelHashes.signedDigest(commitment));
    resolve(transferId, WithdrawResolver.signed(aliceSignature));
    return new SignedWithdrawal(data, aliceSignature, bobSignature);
  }

  Channel round(ChannelParty proposer, ChannelParty receiver, UpdateParams params) {
    ChainInputs inputs = inputs(params);
    Transition proposed = ok(proposer.propose(channel, params, inputs));
    Transition countersigned = ok(receiver.countersign(channel, proposed.update(), inputs));
    Transition accepted = ok(proposer.acceptDoubleSigned(channel, countersigned.update(), inputs));
    assertThat(accepted.next().state()).isEqualTo(countersigned.next().state());
    previous = channel;
    channel = countersigned.next();
    return channel;
  }

  /** The channel before the last round: the state a party may still dispute with. */
  Channel previous() {
    return previous;
  }

  private ChainInputs inputs(UpdateParams params) {
    ChainInputs inputs = ChainInputs.at(chain.anvil.latestTimestamp());
    if (params instanceof UpdateParams.Deposit d) {
      inputs = inputs.withDeposits(d.assetId(), reader.depositTotals(address, d.assetId()));
    }
    return inputs;
  }

  /** A distinct, recognisable preimage per payment. */
  static Bytes32 preImage(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) 0x7a;
    b[30] = (byte) (n >> 8);
    b[31] = (byte) n;
    return Bytes32.of(b);
  }

  static Signature aliceSignature(Channel c) {
    return c.latestUpdate().orElseThrow().aliceSignature().orElseThrow();
  }

  static Signature bobSignature(Channel c) {
    return c.latestUpdate().orElseThrow().bobSignature().orElseThrow();
  }

  /**
   * The merkle proof of one active transfer against {@code c}'s root, as channel-core builds it.
   */
  static List<Bytes32> proof(Channel c, Bytes32 transferId) {
    List<Bytes32> leaves = c.activeTransfers().values().stream().map(ActiveTransfer::leaf).toList();
    int index = new ArrayList<>(c.activeTransfers().keySet()).indexOf(transferId);
    if (index < 0) {
      throw new IllegalArgumentException("no active transfer " + transferId);
    }
    return MerkleTree.proof(leaves, index);
  }

  static <T> T ok(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw new AssertionError("channel-core refused the update: " + outcome.rejection());
    }
    return outcome.value();
  }
}
