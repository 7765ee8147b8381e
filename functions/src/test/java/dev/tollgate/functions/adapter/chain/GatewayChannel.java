package dev.tollgate.functions.adapter.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.chain.Web3jAdjudicatorReader;
import dev.tollgate.contracts.generated.ChannelFactory;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.Outcome;
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
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * A channel between the gateway (alice, signing with its own key) and a payer (bob, a funded dev
 * account), built and signed only by channel-core, with the chain's clock and deposits as inputs.
 */
final class GatewayChannel {
  static final long CHANNEL_TIMEOUT = 24 * ChannelRules.HOUR;
  static final long TRANSFER_TIMEOUT = 12 * ChannelRules.HOUR;
  private static final Credentials DEPLOYER = DevAccounts.account(0);

  final Address address;
  private final SenderChain chain;
  private final Credentials payer;
  private final ChannelParty alice;
  private final ChannelParty bob;
  private final Web3jAdjudicatorReader reader;
  private Channel channel;

  GatewayChannel(SenderChain chain, Signer gateway, Credentials payer) {
    this.chain = chain;
    this.payer = payer;
    ChannelRules rules = ChannelRules.defaults(chain.deployment.definitions());
    this.alice = new ChannelParty(gateway, rules);
    this.bob =
        new ChannelParty(
            LocalKeySigner.fromPrivateKey(
                Numeric.toBytesPadded(payer.getEcKeyPair().getPrivateKey(), 32)),
            rules);
    this.address =
        chain.deployment.channelAddress(alice.signer().address(), bob.signer().address());
    this.reader = new Web3jAdjudicatorReader(chain.web3j);
    this.channel =
        Channel.unopened(
            address, alice.signer().address(), bob.signer().address(), chain.deployment.network());
  }

  Address bobAddress() {
    return bob.signer().address();
  }

  Channel latest() {
    return channel;
  }

  /**
   * Sets the channel up, bob pays {@code deposit} of the test token to its address, the contract is
   * created, and the deposit is reconciled into a double-signed state.
   */
  void open(long deposit) throws Exception {
    round(
        bob,
        alice,
        new UpdateParams.Setup(Uint256.of(CHANNEL_TIMEOUT), chain.deployment.network()));
    token(DEPLOYER).mint(payer.getAddress(), BigInteger.valueOf(deposit)).send();
    token(payer).transfer(ChannelStructs.hex(address), BigInteger.valueOf(deposit)).send();
    factory().createChannel(alice.signer().address().toChecksumHex(), payer.getAddress()).send();
    round(bob, alice, new UpdateParams.Deposit(chain.token()));
  }

  /** Bob locks {@code amount} for alice under {@code preImage}'s hash; returns the transfer id. */
  Bytes32 lockPayment(long amount, Bytes32 preImage) {
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
    return ((UpdateDetails.Create) channel.latestUpdate().orElseThrow().details()).transferId();
  }

  /** A complete payment: bob locks, alice resolves with the preimage. */
  void pay(long amount, Bytes32 preImage) {
    Bytes32 transferId = lockPayment(amount, preImage);
    round(alice, bob, new UpdateParams.Resolve(transferId, new HashlockResolver(preImage)));
  }

  ActiveTransfer transfer(Bytes32 transferId) {
    return channel.activeTransfers().get(transferId);
  }

  List<Bytes32> proof(Bytes32 transferId) {
    List<Bytes32> leaves =
        channel.activeTransfers().values().stream().map(ActiveTransfer::leaf).toList();
    return MerkleTree.proof(
        leaves, new ArrayList<>(channel.activeTransfers().keySet()).indexOf(transferId));
  }

  Signature aliceSignature() {
    return channel.latestUpdate().orElseThrow().aliceSignature().orElseThrow();
  }

  Signature bobSignature() {
    return channel.latestUpdate().orElseThrow().bobSignature().orElseThrow();
  }

  static Bytes32 preImage(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) 0x5e;
    b[31] = (byte) n;
    return Bytes32.of(b);
  }

  private void round(ChannelParty proposer, ChannelParty receiver, UpdateParams params) {
    ChainInputs inputs = inputs(params);
    Transition proposed = ok(proposer.propose(channel, params, inputs));
    Transition countersigned = ok(receiver.countersign(channel, proposed.update(), inputs));
    Transition accepted = ok(proposer.acceptDoubleSigned(channel, countersigned.update(), inputs));
    assertThat(accepted.next().state()).isEqualTo(countersigned.next().state());
    channel = countersigned.next();
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

  private TestToken token(Credentials sender) {
    return TestToken.load(
        ChannelStructs.hex(chain.token()),
        chain.web3j,
        Transactions.manager(chain.web3j, sender, AnvilNode.CHAIN_ID),
        Transactions.LOCAL_GAS);
  }

  private ChannelFactory factory() {
    return ChannelFactory.load(
        ChannelStructs.hex(chain.deployment.channelFactory()),
        chain.web3j,
        Transactions.manager(chain.web3j, DEPLOYER, AnvilNode.CHAIN_ID),
        Transactions.LOCAL_GAS);
  }

  private static <T> T ok(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw new AssertionError("channel-core refused the update: " + outcome.rejection());
    }
    return outcome.value();
  }
}
