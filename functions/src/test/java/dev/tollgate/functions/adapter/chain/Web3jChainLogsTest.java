package dev.tollgate.functions.adapter.chain;

import static dev.tollgate.functions.harness.LocalContracts.address;
import static dev.tollgate.functions.harness.LocalContracts.origin;
import static dev.tollgate.functions.harness.SignedChannel.CHANNEL_TIMEOUT;
import static dev.tollgate.functions.harness.SignedChannel.TRANSFER_TIMEOUT;
import static dev.tollgate.functions.harness.SignedChannel.preImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.ChainEvent.AliceDeposited;
import dev.tollgate.functions.events.ChainEvent.ChannelCreated;
import dev.tollgate.functions.events.ChainEvent.ChannelDefunded;
import dev.tollgate.functions.events.ChainEvent.ChannelDisputed;
import dev.tollgate.functions.events.ChainEvent.Exited;
import dev.tollgate.functions.events.ChainEvent.TokenDeposited;
import dev.tollgate.functions.events.ChainEvent.TransferDefunded;
import dev.tollgate.functions.events.ChainEvent.TransferDisputed;
import dev.tollgate.functions.events.ChainEvent.WithdrawalExecuted;
import dev.tollgate.functions.events.ChainEventJson;
import dev.tollgate.functions.events.EventOrigin;
import dev.tollgate.functions.harness.LocalContracts;
import dev.tollgate.functions.harness.SignedChannel;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Real logs from the deployed contracts: one channel of the gateway taken through its whole life
 * (deposits, payments, a withdrawal, a dispute with a locked payment, defunds, an exit) among logs
 * that are not the gateway's, then read back. The expected events are built from the transaction
 * receipts and the states channel-core signed, never from a log query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Web3jChainLogsTest {
  private static final long BOB_DEPOSIT = 900_000;
  private static final long ALICE_DEPOSIT = 400_000;
  private static final long PAID = 100_000;
  private static final long WITHDRAWN = 200_000;
  private static final long LOCKED = 30_000;

  private LocalContracts chain;
  private Address token;
  private Address gateway;
  private Address bob;
  private Address carol;
  private Address channel;
  private Channel disputedState;
  private long firstBlock;
  private long lastBlock;
  private List<ChainEvent> lifecycle;
  private String snapshot;

  @BeforeAll
  void liveOneChannel() throws Exception {
    chain = LocalContracts.start();
    token = chain.token();
    gateway = address(chain.gateway);
    bob = address(chain.bob);
    carol = address(chain.carol);
    SignedChannel session = new SignedChannel(chain);
    channel = session.address();
    chain.mint(chain.bob, 1_000_000);
    chain.mint(chain.gateway, ALICE_DEPOSIT);
    firstBlock = chain.head() + 1;
    List<ChainEvent> expected = new ArrayList<>();

    // Bob pays into the channel address before the channel exists.
    TransactionReceipt bobDeposit = chain.transferToken(chain.bob, channel, BOB_DEPOSIT);
    expected.add(
        new TokenDeposited(transferLog(bobDeposit), channel, token, bob, Uint256.of(BOB_DEPOSIT)));
    TransactionReceipt created =
        chain.factory(chain.carol).createChannel(hex(gateway), hex(bob)).send();
    expected.add(
        new ChannelCreated(
            origin(created, "ChannelFactory", "ChannelCreation", chain.deployment.channelFactory()),
            channel,
            gateway,
            bob));
    chain.token(chain.gateway).approve(hex(channel), BigInteger.valueOf(ALICE_DEPOSIT)).send();
    TransactionReceipt aliceDeposit =
        chain
            .channel(channel, chain.gateway)
            .depositAlice(hex(token), BigInteger.valueOf(ALICE_DEPOSIT), BigInteger.ZERO)
            .send();
    // depositAlice pulls the tokens in with a transfer, logged before AliceDeposited.
    expected.add(
        new TokenDeposited(
            transferLog(aliceDeposit), channel, token, gateway, Uint256.of(ALICE_DEPOSIT)));
    expected.add(
        new AliceDeposited(
            channelLog(aliceDeposit, "AliceDeposited"), channel, token, Uint256.of(ALICE_DEPOSIT)));

    // Not the gateway's: a transfer to an outsider, a channel whose alice is someone else and a
    // deposit into it.
    chain.transferToken(chain.bob, carol, 5_000);
    chain.factory(chain.bob).createChannel(hex(carol), hex(bob)).send();
    chain.transferToken(chain.bob, chain.deployment.channelAddress(carol, bob), 5_000);

    session.setup();
    session.deposit(token);
    session.pay(PAID, preImage(1));
    SignedChannel.SignedWithdrawal withdrawal = session.withdrawForBob(WITHDRAWN);
    TransactionReceipt withdrawn =
        chain
            .channel(channel, chain.carol)
            .withdraw(
                ChannelStructs.of(withdrawal.data()),
                withdrawal.aliceSignature().toArray(),
                withdrawal.bobSignature().toArray())
            .send();
    expected.add(
        new WithdrawalExecuted(
            channelLog(withdrawn, "WithdrawalExecuted"),
            channel,
            ChannelHashes.withdrawDataHash(withdrawal.data()),
            token,
            bob,
            Uint256.of(WITHDRAWN)));

    Bytes32 locked = session.lockPayment(LOCKED, preImage(2));
    disputedState = session.latest();
    TransactionReceipt disputed =
        chain
            .channel(channel, chain.gateway)
            .disputeChannel(
                ChannelStructs.of(disputedState.state()),
                SignedChannel.aliceSignature(disputedState).toArray(),
                SignedChannel.bobSignature(disputedState).toArray())
            .send();
    long disputedAt = chain.blockTime(disputed);
    expected.add(
        new ChannelDisputed(
            channelLog(disputed, "ChannelDisputed"),
            channel,
            gateway,
            disputedState.state(),
            new OnChainDispute(
                ChannelHashes.stateHash(disputedState.state()),
                disputedState.nonce(),
                disputedState.state().merkleRoot(),
                disputedAt + CHANNEL_TIMEOUT,
                disputedAt + 2 * CHANNEL_TIMEOUT)));

    chain.anvil.advance(CHANNEL_TIMEOUT);
    TransactionReceipt defunded =
        chain
            .channel(channel, chain.carol)
            .defundChannel(
                ChannelStructs.of(disputedState.state()),
                List.of(hex(token)),
                List.of(BigInteger.ZERO))
            .send();
    expected.add(
        new ChannelDefunded(
            channelLog(defunded, "ChannelDefunded"),
            channel,
            carol,
            disputedState.nonce(),
            List.of(token)));

    ActiveTransfer transfer = disputedState.activeTransfers().get(locked);
    TransactionReceipt transferDisputed =
        chain
            .channel(channel, chain.gateway)
            .disputeTransfer(
                ChannelStructs.of(transfer.core()),
                ChannelStructs.proof(SignedChannel.proof(disputedState, locked)))
            .send();
    expected.add(
        new TransferDisputed(
            channelLog(transferDisputed, "TransferDisputed"),
            channel,
            gateway,
            transfer.core(),
            chain.blockTime(transferDisputed) + TRANSFER_TIMEOUT));
    TransactionReceipt transferDefunded =
        chain
            .channel(channel, chain.gateway)
            .defundTransfer(
                ChannelStructs.of(transfer.core()),
                transfer.initialState().encode(),
                new HashlockResolver(preImage(2)).encode(),
                new byte[0])
            .send();
    expected.add(
        new TransferDefunded(
            channelLog(transferDefunded, "TransferDefunded"),
            channel,
            gateway,
            locked,
            new Balance(Uint256.ZERO, Uint256.of(LOCKED), bob, gateway)));

    TransactionReceipt exited =
        chain.channel(channel, chain.gateway).exit(hex(token), hex(gateway), hex(gateway)).send();
    // Alice's deposit, bob's payment and the locked payment she proved on chain.
    expected.add(
        new Exited(
            channelLog(exited, "Exited"),
            channel,
            token,
            gateway,
            gateway,
            Uint256.of(ALICE_DEPOSIT + PAID + LOCKED)));
    lastBlock = chain.head();
    lifecycle = List.copyOf(expected);
  }

  @AfterAll
  void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @BeforeEach
  void takeSnapshot() {
    snapshot = chain.anvil.snapshot();
  }

  @AfterEach
  void restoreSnapshot() {
    chain.anvil.revertTo(snapshot);
  }

  @Test
  void readsEveryEventOfTheChannelsLifeInChainOrderAndNothingElse() {
    List<ChainEvent> events =
        logs().events(firstBlock, lastBlock, List.of(channel), List.of(token));

    assertThat(events).containsExactlyElementsOf(lifecycle);
    assertThat(events).hasSize(10);
  }

  @Test
  void theDisputedStateIsTheOneChannelCoreSigned() {
    List<ChainEvent> events =
        logs().events(firstBlock, lastBlock, List.of(channel), List.of(token));

    ChannelDisputed disputed =
        events.stream()
            .filter(ChannelDisputed.class::isInstance)
            .map(ChannelDisputed.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(disputed.state()).isEqualTo(disputedState.state());
    assertThat(disputed.state().assetIds()).containsExactly(token);
    assertThat(disputed.state().merkleRoot()).isNotEqualTo(Bytes32.ZERO);
    assertThat(disputed.dispute().channelStateHash())
        .isEqualTo(ChannelHashes.stateHash(disputedState.state()));
  }

  @Test
  void eachDecodedEventSurvivesTheQueuesJson() {
    for (ChainEvent event :
        logs().events(firstBlock, lastBlock, List.of(channel), List.of(token))) {
      assertThat(ChainEventJson.read(ChainEventJson.write(event))).isEqualTo(event);
    }
  }

  @Test
  void onlyEventsInsideTheBlockRangeAreReturned() throws Exception {
    long disputeBlock = blockOf(ChannelDisputed.class);
    long exitBlock = blockOf(Exited.class);

    assertThat(read(disputeBlock, exitBlock)).isEqualTo(inBlocks(disputeBlock, exitBlock));
    assertThat(read(disputeBlock, exitBlock)).first().isInstanceOf(ChannelDisputed.class);
    assertThat(read(disputeBlock + 1, exitBlock - 1))
        .isNotEmpty()
        .noneMatch(e -> e instanceof ChannelDisputed || e instanceof Exited);
    assertThat(read(Math.max(0, firstBlock - 10), firstBlock - 1)).isEmpty();
    chain.anvil.mine();
    chain.anvil.mine();
    assertThat(read(lastBlock + 1, lastBlock + 2)).isEmpty();
    for (long block = firstBlock; block <= lastBlock; block++) {
      assertThat(read(block, block)).as("block %d", block).isEqualTo(inBlocks(block, block));
    }
  }

  @Test
  void smallCallsReadTheSameAsOneLargeCall() {
    Web3jChainLogs oneAddressOneBlock =
        new Web3jChainLogs(
            chain.web3j,
            chain.deployment.channelFactory(),
            gateway,
            new Web3jChainLogs.Limits(1, 1));
    // Addresses that never logged anything, so the channel's own chunk is one of several.
    List<Address> channels = List.of(unused(1), channel, unused(2), unused(3), channel, unused(4));

    assertThat(oneAddressOneBlock.events(firstBlock, lastBlock, channels, List.of(token, token)))
        .containsExactlyElementsOf(lifecycle);
  }

  @Test
  void channelsCreatedForTheGatewayInTheRangeAreReadWithoutBeingNamed() {
    assertThat(logs().events(firstBlock, lastBlock, List.of(), List.of(token)))
        .containsExactlyElementsOf(lifecycle);
  }

  @Test
  void withNoChannelsAfterTheirCreationOnlyTheFactoryIsRead() throws Exception {
    long from = chain.head() + 1;
    chain.transferToken(chain.bob, channel, 1_000);
    Address otherBob = address(chain.deployer);
    TransactionReceipt created =
        chain.factory(chain.bob).createChannel(hex(gateway), hex(otherBob)).send();
    long to = chain.head();

    assertThat(logs().events(from, to, List.of(), List.of(token)))
        .containsExactly(
            new ChannelCreated(
                origin(
                    created,
                    "ChannelFactory",
                    "ChannelCreation",
                    chain.deployment.channelFactory()),
                chain.deployment.channelAddress(gateway, otherBob),
                gateway,
                otherBob));
  }

  @Test
  void createChannelAndDepositAliceIsReadWholeInOneRange() throws Exception {
    long from = chain.head() + 1;
    Address secondChannel = chain.deployment.channelAddress(gateway, carol);
    chain.mint(chain.carol, 70_000);
    chain.mint(chain.gateway, 20_000);
    TransactionReceipt carolDeposit = chain.transferToken(chain.carol, secondChannel, 70_000);
    chain
        .token(chain.gateway)
        .approve(hex(chain.deployment.channelFactory()), BigInteger.valueOf(20_000))
        .send();
    TransactionReceipt opened =
        chain
            .factory(chain.gateway)
            .createChannelAndDepositAlice(
                hex(gateway), hex(carol), hex(token), BigInteger.valueOf(20_000), BigInteger.ZERO)
            .send();
    long to = chain.head();

    List<ChainEvent> events = logs().events(from, to, List.of(), List.of(token));

    assertThat(events)
        .containsExactly(
            new TokenDeposited(
                transferLog(carolDeposit), secondChannel, token, carol, Uint256.of(70_000)),
            new ChannelCreated(
                origin(
                    opened, "ChannelFactory", "ChannelCreation", chain.deployment.channelFactory()),
                secondChannel,
                gateway,
                carol),
            // The factory pulled alice's tokens to itself, then the channel pulled them from it.
            new TokenDeposited(
                transferLogInto(opened, secondChannel),
                secondChannel,
                token,
                chain.deployment.channelFactory(),
                Uint256.of(20_000)),
            new AliceDeposited(
                origin(opened, "ChannelMastercopy", "AliceDeposited", secondChannel),
                secondChannel,
                token,
                Uint256.of(20_000)));
  }

  @Test
  void manyChannelsAreReadInChunksAndTransfersElsewhereAreNot() throws Exception {
    long from = chain.head() + 1;
    List<Address> channels = new ArrayList<>();
    List<ChainEvent> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Address payee = unused(100 + i);
      TransactionReceipt receipt = chain.transferToken(chain.bob, payee, 10 + i);
      if (i % 3 != 2) {
        channels.add(payee);
        expected.add(
            new TokenDeposited(transferLog(receipt), payee, token, bob, Uint256.of(10 + i)));
      }
    }
    long to = chain.head();
    Web3jChainLogs twoAtATime =
        new Web3jChainLogs(
            chain.web3j,
            chain.deployment.channelFactory(),
            gateway,
            new Web3jChainLogs.Limits(2, 1_000));

    assertThat(twoAtATime.events(from, to, channels, List.of(token)))
        .containsExactlyElementsOf(expected);
    assertThat(expected).hasSize(5);
  }

  @Test
  void anEmptyRangeReadsNothingAndANegativeStartIsRefused() {
    assertThat(logs().events(lastBlock, lastBlock - 1, List.of(channel), List.of(token))).isEmpty();
    assertThatThrownBy(() -> logs().events(-1, lastBlock, List.of(channel), List.of(token)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void theHeadIsTheNodesNewestBlock() throws Exception {
    long before = logs().headBlock();
    chain.anvil.mine();

    assertThat(before).isEqualTo(lastBlock);
    assertThat(logs().headBlock()).isEqualTo(before + 1);
  }

  private Web3jChainLogs logs() {
    return new Web3jChainLogs(chain.web3j, chain.deployment.channelFactory(), gateway);
  }

  private List<ChainEvent> read(long from, long to) {
    return logs().events(from, to, List.of(channel), List.of(token));
  }

  private List<ChainEvent> inBlocks(long from, long to) {
    return lifecycle.stream()
        .filter(e -> e.origin().blockNumber() >= from && e.origin().blockNumber() <= to)
        .toList();
  }

  private long blockOf(Class<? extends ChainEvent> type) {
    return lifecycle.stream()
        .filter(type::isInstance)
        .findFirst()
        .orElseThrow()
        .origin()
        .blockNumber();
  }

  /** The token's Transfer log in {@code receipt} (the receipt's only one). */
  private EventOrigin transferLog(TransactionReceipt receipt) {
    return origin(receipt, "TestToken", "Transfer", token);
  }

  /** The one token Transfer into {@code to} among several in {@code receipt}. */
  private EventOrigin transferLogInto(TransactionReceipt receipt, Address to) {
    String topic = Web3jChainLogs.topic(to);
    var log =
        receipt.getLogs().stream()
            .filter(l -> l.getTopics().get(0).equals(LogDecoder.ERC20_TRANSFER))
            .filter(l -> l.getTopics().get(2).equals(topic))
            .reduce(
                (a, b) -> {
                  throw new IllegalStateException("two transfers into " + to);
                })
            .orElseThrow();
    return new EventOrigin(
        Bytes32.fromHex(log.getTransactionHash()),
        log.getLogIndex().longValueExact(),
        log.getBlockNumber().longValueExact(),
        Bytes32.fromHex(log.getBlockHash()));
  }

  private EventOrigin channelLog(TransactionReceipt receipt, String event) {
    return origin(receipt, "ChannelMastercopy", event, channel);
  }

  private static Address unused(int seed) {
    byte[] b = new byte[20];
    b[0] = (byte) 0x3e;
    b[19] = (byte) seed;
    return Address.of(b);
  }

  private static String hex(Address a) {
    return ChannelStructs.hex(a);
  }
}
