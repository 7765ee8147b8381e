package dev.tollgate.functions.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.transfer.WithdrawState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbChannelStore;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbRateCounters;
import dev.tollgate.functions.adapter.dynamodb.GatewayTables;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.FixedChainReader;
import dev.tollgate.functions.harness.TestPayer;
import dev.tollgate.functions.harness.UndisputedChain;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The gateway's channel use cases against DynamoDB Local, with an independent payer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayServicesTest {
  static final long NOW = 1_700_000_000L;
  static final Address HASHLOCK = Address.fromHex("0x00000000000000000000000000000000000A11CE");
  static final Address WITHDRAW = Address.fromHex("0x0000000000000000000000000000000000000B0B");
  static final Address TOKEN = Address.fromHex("0x1000000000000000000000000000000000000001");
  static final Address OTHER_TOKEN = Address.fromHex("0x2000000000000000000000000000000000000002");
  static final GatewayNetwork NETWORK =
      new GatewayNetwork(
          new NetworkContext(
              31337,
              Address.fromHex("0xfac7000000000000000000000000000000000001"),
              Address.fromHex("0x5e65000000000000000000000000000000000001")),
          Address.fromHex("0x3a57000000000000000000000000000000000001"),
          HASHLOCK,
          WITHDRAW,
          Set.of(TOKEN));
  static final ChannelRules RULES = ChannelRules.defaults(TransferRegistry.of(HASHLOCK, WITHDRAW));
  static final long DAY = 24 * ChannelRules.HOUR;

  private final AtomicLong clock = new AtomicLong(NOW);
  private final FixedChainReader chain = new FixedChainReader();
  private final ChannelParty gateway =
      new ChannelParty(
          LocalKeySigner.fromHex(
              "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63"),
          RULES);
  private DynamoDbLocal local;
  private DynamoDbClient dynamo;
  private DynamoDbChannelStore store;
  private InboundUpdates inbound;
  private TableNames tables;

  @BeforeAll
  void start() throws Exception {
    local = DynamoDbLocal.start();
    dynamo = local.client();
    tables = TableNames.withPrefix("services-");
    GatewayTables.createIfMissing(dynamo, tables);
    store = new DynamoDbChannelStore(dynamo, tables, clock::get);
    inbound = new InboundUpdates(store, gateway);
  }

  @AfterAll
  void stop() {
    dynamo.close();
    local.close();
  }

  /** Opens from one documentation address, with room for every setup of this class. */
  private Checked<Accepted> open(ChannelUpdate setup) {
    SetupRateLimit limit =
        new SetupRateLimit(
            new DynamoDbRateCounters(dynamo, tables),
            new SetupLimits(1_000, 1_000, 60),
            clock::get);
    return new OpenChannel(inbound, NETWORK, clock::get, limit).open(setup, "192.0.2.1");
  }

  private ReconcileDeposit deposits() {
    return new ReconcileDeposit(
        inbound, NETWORK, chain, new FirstFundingGuard(c -> {}, new UndisputedChain()), clock::get);
  }

  private TestPayer newPayer() {
    return TestPayer.random(NETWORK, gateway.signer().address(), RULES);
  }

  /** A payer with a set-up channel holding {@code deposit} of TOKEN. */
  private TestPayer funded(long deposit) {
    TestPayer payer = newPayer();
    Accepted setup = open(payer.setup(2 * DAY, NOW)).value();
    payer.accept(setup.updates(), ChainInputs.at(NOW));
    DepositTotals totals = new DepositTotals(Uint256.ZERO, Uint256.of(deposit));
    chain.set(payer.channelAddress(), TOKEN, totals);
    Accepted deposited =
        deposits().reconcile(payer.channelAddress(), payer.deposit(TOKEN, totals, NOW)).value();
    payer.accept(deposited.updates(), ChainInputs.at(NOW).withDeposits(TOKEN, totals));
    return payer;
  }

  @Test
  void openingCountersignsTheSetupWithTheGatewayKey() {
    TestPayer payer = newPayer();
    ChannelUpdate setup = payer.setup(2 * DAY, NOW);

    Checked<Accepted> result = open(setup);

    ChannelUpdate countersigned = result.value().countersigned();
    assertThat(countersigned.isDoubleSigned()).isTrue();
    payer.accept(result.value().updates(), ChainInputs.at(NOW));
    assertThat(
            Secp256k1Signatures.isSignedBy(
                ChannelHashes.channelDigest(payer.view().state()),
                countersigned.aliceSignature().orElseThrow(),
                gateway.signer().address()))
        .isTrue();
    assertThat(store.load(payer.channelAddress()).orElseThrow().nonce()).isEqualTo(1);
  }

  @Test
  void aSetupSentTwiceGetsTheSameAnswer() {
    TestPayer payer = newPayer();
    ChannelUpdate setup = payer.setup(2 * DAY, NOW);
    Accepted first = open(setup).value();

    Accepted again = open(setup).value();

    assertThat(again.replayed()).isTrue();
    assertThat(again.updates()).isEqualTo(first.updates());
    assertThat(store.updatesAfter(payer.channelAddress(), 0, 10)).hasSize(1);
  }

  @Test
  void aSetupAtAnAddressTheFactoryWouldNotDeployIsRefused() {
    TestPayer payer = newPayer();
    ChannelUpdate setup = payer.setup(2 * DAY, NOW);
    Address elsewhere = Address.fromHex("0x00000000000000000000000000000000DeaDBeef");
    ChannelUpdate moved =
        new ChannelUpdate(
            elsewhere,
            setup.fromIdentifier(),
            setup.toIdentifier(),
            setup.nonce(),
            setup.balance(),
            setup.assetId(),
            setup.details(),
            setup.aliceSignature(),
            setup.bobSignature());

    Refusal refusal = open(moved).refusal();

    assertThat(refusal.errorReason()).isEqualTo("wrong_channel_address");
    assertThat(refusal.detail()).contains(elsewhere.toString());
    assertThat(store.load(elsewhere)).isEmpty();
  }

  @Test
  void aDepositIsCountersignedOnlyForWhatTheChainHolds() {
    TestPayer payer = newPayer();
    payer.accept(open(payer.setup(2 * DAY, NOW)).value().updates(), ChainInputs.at(NOW));
    DepositTotals claimed = new DepositTotals(Uint256.ZERO, Uint256.of(5_000));
    chain.set(payer.channelAddress(), TOKEN, new DepositTotals(Uint256.ZERO, Uint256.of(4_000)));
    ReconcileDeposit deposits = deposits();

    Refusal refusal =
        deposits.reconcile(payer.channelAddress(), payer.deposit(TOKEN, claimed, NOW)).refusal();

    assertThat(refusal.httpStatus()).isEqualTo(402);
    assertThat(refusal.errorReason()).isEqualTo("update_mismatch");
    assertThat(store.load(payer.channelAddress()).orElseThrow().nonce()).isEqualTo(1);
  }

  @Test
  void aDepositInAnAssetTheGatewayDoesNotTakeIsRefused() {
    TestPayer payer = newPayer();
    payer.accept(open(payer.setup(2 * DAY, NOW)).value().updates(), ChainInputs.at(NOW));
    DepositTotals totals = new DepositTotals(Uint256.ZERO, Uint256.of(100));
    chain.set(payer.channelAddress(), OTHER_TOKEN, totals);

    Refusal refusal =
        deposits()
            .reconcile(payer.channelAddress(), payer.deposit(OTHER_TOKEN, totals, NOW))
            .refusal();

    assertThat(refusal.errorReason()).isEqualTo("asset_not_accepted");
    assertThat(refusal.detail()).contains(OTHER_TOKEN.toString());
  }

  @Test
  void aLockedPaymentCompletesWhenThePayerRevealsThePreimage() {
    TestPayer payer = funded(1_000);
    Bytes32 preImage =
        Bytes32.of(
            new byte[] {
              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
              25, 26, 27, 28, 29, 30, 31, 32
            });
    ChannelUpdate create =
        payer.pay(
            TOKEN, Uint256.of(250), HashlockTransfer.lockHash(preImage), Uint256.ZERO, DAY, NOW);
    Accepted locked =
        new AcceptTransfer(inbound, NETWORK, clock::get)
            .create(payer.channelAddress(), create)
            .value();
    payer.accept(locked.updates(), ChainInputs.at(NOW));
    Bytes32 transferId = ((UpdateDetails.Create) create.details()).transferId();
    ResolveTransfer resolver = new ResolveTransfer(inbound, clock::get);

    Refusal cancel = resolver.resolve(payer.channelAddress(), transferId, Bytes32.ZERO).refusal();
    Refusal wrong =
        resolver
            .resolve(payer.channelAddress(), transferId, HashlockTransfer.lockHash(preImage))
            .refusal();
    Accepted resolved = resolver.resolve(payer.channelAddress(), transferId, preImage).value();
    payer.accept(resolved.updates(), ChainInputs.at(NOW));

    assertThat(cancel.errorReason()).isEqualTo("malformed_request");
    assertThat(wrong.httpStatus()).isEqualTo(402);
    assertThat(wrong.errorReason()).isEqualTo("invalid_resolver");
    assertThat(payer.balanceOf(TOKEN, 0)).isEqualTo(Uint256.of(250));
    assertThat(payer.balanceOf(TOKEN, 1)).isEqualTo(Uint256.of(750));
    StoredChannel stored = store.load(payer.channelAddress()).orElseThrow();
    assertThat(stored.latest().state()).isEqualTo(payer.view().state());
    assertConserved(stored, 1_000);
  }

  @Test
  void aTransferThroughAnotherDefinitionIsNotAPayment() {
    TestPayer payer = funded(1_000);
    ChannelUpdate create = payer.pay(TOKEN, Uint256.of(1), lock(9), Uint256.ZERO, DAY, NOW);
    UpdateDetails.Create d = (UpdateDetails.Create) create.details();
    UpdateDetails.Create viaWithdraw =
        new UpdateDetails.Create(
            d.transferId(),
            d.balance(),
            WITHDRAW,
            d.transferTimeout(),
            d.transferInitialState(),
            d.transferEncodings(),
            d.merkleRoot());
    ChannelUpdate sent =
        new ChannelUpdate(
            create.channelAddress(),
            create.fromIdentifier(),
            create.toIdentifier(),
            create.nonce(),
            create.balance(),
            create.assetId(),
            viaWithdraw,
            create.aliceSignature(),
            create.bobSignature());
    StoredChannel before = store.load(payer.channelAddress()).orElseThrow();

    Refusal refusal =
        new AcceptTransfer(inbound, NETWORK, clock::get)
            .create(payer.channelAddress(), sent)
            .refusal();

    assertThat(refusal.errorReason()).isEqualTo("transfer_not_accepted");
    assertThat(refusal.detail()).contains(WITHDRAW.toString());
    assertThat(store.load(payer.channelAddress()).orElseThrow()).isEqualTo(before);
  }

  @Test
  void anOldNonceIsAnsweredWithTheStoredChannel() {
    TestPayer payer = funded(1_000);
    TestPayer stale = payer.sameKeyElsewhere();
    AcceptTransfer transfers = new AcceptTransfer(inbound, NETWORK, clock::get);
    payer.accept(
        transfers
            .create(
                payer.channelAddress(),
                payer.pay(TOKEN, Uint256.of(10), lock(1), Uint256.ZERO, DAY, NOW))
            .value()
            .updates(),
        ChainInputs.at(NOW));

    Refusal behind =
        transfers
            .create(
                stale.channelAddress(),
                stale.pay(TOKEN, Uint256.of(20), lock(2), Uint256.ZERO, DAY, NOW))
            .refusal();

    assertThat(behind.httpStatus()).isEqualTo(409);
    assertThat(behind.errorReason()).isEqualTo("stale_nonce");
    assertThat(behind.stored().orElseThrow().latest().state()).isEqualTo(payer.view().state());
    stale.sync(
        store.updatesAfter(stale.channelAddress(), stale.view().nonce(), 10), ChainInputs.at(NOW));
    Accepted retried =
        transfers
            .create(
                stale.channelAddress(),
                stale.pay(TOKEN, Uint256.of(20), lock(2), Uint256.ZERO, DAY, NOW))
            .value();
    assertThat(retried.countersigned().nonce()).isEqualTo(payer.view().nonce() + 1);
  }

  @Test
  void aWithdrawalReturnsTheCommitmentBothPartiesSigned() {
    TestPayer payer = funded(1_000);
    Address recipient = Address.fromHex("0x00000000000000000000000000000000000fee11");
    WithdrawData data =
        new WithdrawData(
            payer.channelAddress(),
            TOKEN,
            recipient,
            Uint256.of(400),
            Uint256.of(payer.view().nonce()),
            Address.ZERO,
            new byte[0]);
    Bytes32 commitment = ChannelHashes.withdrawCommitment(data);
    Signature payerSignature = payer.party().signer().sign(ChannelHashes.signedDigest(commitment));
    ChannelUpdate create =
        payer
            .party()
            .propose(
                payer.view(),
                new UpdateParams.Create(
                    TOKEN,
                    new Balance(
                        Uint256.of(400), Uint256.ZERO, payer.address(), gateway.signer().address()),
                    WITHDRAW,
                    Uint256.of(DAY),
                    new WithdrawState(
                        payerSignature,
                        payer.address(),
                        gateway.signer().address(),
                        commitment,
                        Uint256.of(payer.view().nonce()),
                        Uint256.ZERO,
                        Address.ZERO,
                        new byte[0])),
                ChainInputs.at(NOW))
            .value()
            .update();
    Withdraw withdraw = new Withdraw(inbound, NETWORK, clock::get);

    Refusal wrongRecipient =
        withdraw.withdraw(payer.channelAddress(), create, payer.address()).refusal();
    Withdraw.Result result = withdraw.withdraw(payer.channelAddress(), create, recipient).value();
    Withdraw.Result again = withdraw.withdraw(payer.channelAddress(), create, recipient).value();
    payer.accept(result.accepted().updates(), ChainInputs.at(NOW));

    assertThat(wrongRecipient.errorReason()).isEqualTo("withdrawal_mismatch");
    assertThat(result.withdrawal().data()).isEqualTo(data);
    assertThat(
            Secp256k1Signatures.isSignedBy(
                ChannelHashes.signedDigest(commitment),
                result.withdrawal().aliceSignature(),
                gateway.signer().address()))
        .isTrue();
    assertThat(result.withdrawal().bobSignature()).isEqualTo(payerSignature);
    assertThat(again.accepted().replayed()).isTrue();
    assertThat(again.withdrawal()).isEqualTo(result.withdrawal());
    // The 400 left the channel: 600 stays with the payer, nothing moved to the gateway.
    assertThat(payer.balanceOf(TOKEN, 1)).isEqualTo(Uint256.of(600));
    assertThat(payer.balanceOf(TOKEN, 0)).isEqualTo(Uint256.ZERO);
  }

  @Test
  void historyPagesThroughRecordedUpdates() {
    TestPayer payer = funded(1_000);
    ChannelQueries queries = new ChannelQueries(store);

    List<ChannelUpdate> all = queries.updates(payer.channelAddress(), 0, 100).value();
    List<ChannelUpdate> afterOne = queries.updates(payer.channelAddress(), 1, 1).value();

    assertThat(all).extracting(ChannelUpdate::nonce).containsExactly(1L, 2L);
    assertThat(afterOne).extracting(ChannelUpdate::nonce).containsExactly(2L);
    assertThat(queries.updates(payer.channelAddress(), 0, 101).refusal().detail()).contains("101");
    assertThat(
            queries
                .channel(Address.fromHex("0x00000000000000000000000000000000000000aa"))
                .refusal()
                .errorReason())
        .isEqualTo("unknown_channel");
  }

  private static Bytes32 lock(int n) {
    byte[] b = new byte[32];
    b[0] = 0x11;
    b[31] = (byte) n;
    return HashlockTransfer.lockHash(Bytes32.of(b));
  }

  /** Balances plus locked transfer amounts equal what was deposited. */
  private static void assertConserved(StoredChannel stored, long deposited) {
    assertThat(Conservation.heldAndLocked(stored.latest()))
        .isEqualTo(BigInteger.valueOf(deposited));
  }
}
