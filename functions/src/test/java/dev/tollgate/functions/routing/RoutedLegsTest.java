package dev.tollgate.functions.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.RoutingMeta;
import dev.tollgate.x402.refusal.Checked;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A routed payment across its two channels with the protocol alone (channel-core on both sides, no
 * storage, no HTTP): the reader pays the hub price + fee with the publisher's lock, the hub
 * forwards the price with the same lock and a shorter timeout, the publisher countersigns and
 * resolves, the hub learns the preimage and resolves the reader's transfer. Value is conserved on
 * each channel and across the three parties; a publisher that refuses leaves the reader whole once
 * the hub cancels; and the hub cannot cancel once the publisher resolved.
 */
class RoutedLegsTest {
  private static final long NOW = 1_765_000_000L;
  private static final Address HASHLOCK =
      Address.fromHex("0x00000000000000000000000000000000000A11CE");
  private static final Address TOKEN =
      Address.fromHex("0x1000000000000000000000000000000000000001");
  private static final ChannelRules RULES =
      ChannelRules.defaults(
          TransferRegistry.of(
              HASHLOCK, Address.fromHex("0x0000000000000000000000000000000000000B0B")));
  private static final NetworkContext NETWORK =
      new NetworkContext(
          31337,
          Address.fromHex("0xfac7000000000000000000000000000000000001"),
          Address.fromHex("0x5e65000000000000000000000000000000000001"));
  private static final HubFee FEE = new HubFee(Uint256.of(10), 10_000);
  private static final LegTimeouts LEGS = new LegTimeouts(86_400, 21_600);
  private static final Uint256 PRICE = Uint256.of(1_000);

  private final ChannelParty reader = party();
  private final ChannelParty hub = party();
  private final ChannelParty publisher = party();
  private final ChainInputs in = ChainInputs.at(NOW);

  private static ChannelParty party() {
    return new ChannelParty(LocalKeySigner.random(new SecureRandom()), RULES);
  }

  /** A channel between alice and bob, set up by bob and funded with both on-chain totals. */
  private static Channel funded(
      ChannelParty alice, ChannelParty bob, long aliceTotal, long bobTotal, String tag) {
    Channel unopened =
        Channel.unopened(
            Address.fromHex("0xc0ffee00000000000000000000000000000000" + tag),
            alice.signer().address(),
            bob.signer().address(),
            NETWORK);
    Channel open =
        round(
            unopened,
            bob,
            alice,
            new UpdateParams.Setup(Uint256.of(48 * 3600), NETWORK),
            ChainInputs.at(NOW));
    ChainInputs deposits =
        ChainInputs.at(NOW)
            .withDeposits(TOKEN, new DepositTotals(Uint256.of(aliceTotal), Uint256.of(bobTotal)));
    return round(open, bob, alice, new UpdateParams.Deposit(TOKEN), deposits);
  }

  private static Channel round(
      Channel c, ChannelParty proposer, ChannelParty receiver, UpdateParams p, ChainInputs in) {
    Transition proposed = ok(proposer.propose(c, p, in));
    return ok(receiver.countersign(c, proposed.update(), in)).next();
  }

  private static <T> T ok(Outcome<T> o) {
    if (!o.isOk()) {
      throw new AssertionError("expected success, got " + o.rejection());
    }
    return o.value();
  }

  private static BigInteger held(Channel c, Address party) {
    Balance b = c.state().balances().get(c.state().assetIds().indexOf(TOKEN));
    return b.to0().equals(party) ? b.amount0().value() : b.amount1().value();
  }

  private static BigInteger locked(Channel c) {
    return c.activeTransfers().values().stream()
        .map(t -> t.core().balance().amount0().value().add(t.core().balance().amount1().value()))
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  private record ReaderPaid(Channel readerHub, ChannelUpdate create, Bytes32 transferId) {}

  /** The reader's routed create, countersigned by the hub (RECEIVED). */
  private ReaderPaid readerPays(Channel readerHub, Bytes32 lockHash, long amount) {
    RoutingMeta route =
        new RoutingMeta(
            Bytes32.fromHex("0x" + "ab".repeat(32)),
            publisher.signer().address(),
            31337,
            TOKEN,
            PRICE,
            FEE.on(PRICE));
    UpdateParams.Create create =
        new UpdateParams.Create(
            TOKEN,
            new Balance(
                Uint256.of(amount),
                Uint256.ZERO,
                reader.signer().address(),
                hub.signer().address()),
            HASHLOCK,
            Uint256.of(LEGS.readerSeconds()),
            new HashlockState(lockHash, Uint256.ZERO),
            route.toMeta());
    Transition proposed = ok(reader.propose(readerHub, create, in));
    Transition countersigned = ok(hub.countersign(readerHub, proposed.update(), in));
    Bytes32 id = ((UpdateDetails.Create) countersigned.update().details()).transferId();
    return new ReaderPaid(countersigned.next(), countersigned.update(), id);
  }

  @Test
  void aRoutedPaymentSettlesOnBothLegsAndTheHubKeepsExactlyItsFee() {
    Channel readerHub = funded(hub, reader, 0, 10_000, "01");
    Channel hubPublisher = funded(hub, publisher, 5_000, 0, "02");
    Bytes32 preImage = Bytes32.fromHex("0x" + "7a".repeat(32));
    long paid = FEE.totalFor(PRICE).value().longValueExact();

    ReaderPaid received = readerPays(readerHub, HashlockTransfer.lockHash(preImage), paid);
    Checked<UpdateParams.Create> plan =
        ForwardPlan.plan(
            received.create(),
            hub.signer().address(),
            31337,
            FEE,
            LEGS,
            Optional.of(
                new ForwardPlan.RecipientChannel(publisher.signer().address(), Uint256.of(5_000))));
    HubLegs legs = new HubLegs(hub);
    Transition forwarded = ok(legs.forward(hubPublisher, plan.value(), in));
    PublisherLeg.Taken taken =
        new PublisherLeg(publisher)
            .take(hubPublisher, forwarded.update(), PRICE, preImage, in)
            .value();
    HubLegs.Downstream downstream =
        ok(
            legs.takeDownstream(
                hubPublisher, taken.created().update(), taken.resolved().update(), in));
    Transition settled =
        ok(
            legs.settleUpstream(
                received.readerHub(), received.transferId(), downstream.preImage(), in));
    Channel readerView = ok(reader.countersign(received.readerHub(), settled.update(), in)).next();

    Channel rh = settled.next();
    Channel hp = downstream.resolved().next();
    assertThat(downstream.preImage()).isEqualTo(preImage);
    assertThat(((UpdateDetails.Create) forwarded.update().details()).transferTimeout())
        .isEqualTo(Uint256.of(LEGS.forwardSeconds()));
    assertThat(readerView.state()).isEqualTo(rh.state());
    assertThat(taken.resolved().next().state()).isEqualTo(hp.state());
    // Reader -> hub: the reader paid price + fee; hub -> publisher: the publisher got the price.
    assertThat(held(rh, reader.signer().address())).isEqualTo(BigInteger.valueOf(10_000 - paid));
    assertThat(held(rh, hub.signer().address())).isEqualTo(BigInteger.valueOf(paid));
    assertThat(held(hp, hub.signer().address())).isEqualTo(BigInteger.valueOf(5_000 - 1_000));
    assertThat(held(hp, publisher.signer().address())).isEqualTo(BigInteger.valueOf(1_000));
    assertThat(locked(rh)).isZero();
    assertThat(locked(hp)).isZero();
    // Across the three: 15,000 deposited, 15,000 held; the hub is up by exactly its fee.
    BigInteger hubNet =
        held(rh, hub.signer().address())
            .add(held(hp, hub.signer().address()))
            .subtract(BigInteger.valueOf(5_000));
    assertThat(hubNet).isEqualTo(FEE.on(PRICE).value());
    assertThat(
            held(rh, reader.signer().address())
                .add(held(rh, hub.signer().address()))
                .add(held(hp, hub.signer().address()))
                .add(held(hp, publisher.signer().address())))
        .isEqualTo(BigInteger.valueOf(15_000));
  }

  @Test
  void aPublisherThatRefusesLeavesTheReaderWholeOnceTheHubCancels() {
    Channel readerHub = funded(hub, reader, 0, 10_000, "03");
    Channel hubPublisher = funded(hub, publisher, 5_000, 0, "04");
    Bytes32 preImage = Bytes32.fromHex("0x" + "7b".repeat(32));
    ReaderPaid received = readerPays(readerHub, HashlockTransfer.lockHash(preImage), 1_020);
    HubLegs legs = new HubLegs(hub);
    Transition forwarded =
        ok(
            legs.forward(
                hubPublisher,
                ForwardPlan.plan(
                        received.create(),
                        hub.signer().address(),
                        31337,
                        FEE,
                        LEGS,
                        Optional.of(
                            new ForwardPlan.RecipientChannel(
                                publisher.signer().address(), Uint256.of(5_000))))
                    .value(),
                in));

    // The publisher asks more than the hub forwards: it refuses, nothing is signed on its side.
    Checked<PublisherLeg.Taken> refused =
        new PublisherLeg(publisher)
            .take(hubPublisher, forwarded.update(), Uint256.of(1_001), preImage, in);
    Transition cancelled =
        ok(
            legs.cancelUpstream(
                received.readerHub(), received.transferId(), RoutedPaymentState.FORWARDED, in));
    Channel readerView =
        ok(reader.countersign(received.readerHub(), cancelled.update(), in)).next();

    assertThat(refused.refusal().errorReason()).isEqualTo("below_price");
    assertThat(held(readerView, reader.signer().address())).isEqualTo(BigInteger.valueOf(10_000));
    assertThat(held(readerView, hub.signer().address())).isZero();
    assertThat(locked(readerView)).isZero();
    assertThat(readerView.state()).isEqualTo(cancelled.next().state());
  }

  @Test
  void
      aForwardWithAnotherLockOrToAnotherPartyIsNotCountersignedAndTheHubCannotCancelAfterAResolve() {
    Channel hubPublisher = funded(hub, publisher, 5_000, 0, "05");
    Bytes32 preImage = Bytes32.fromHex("0x" + "7c".repeat(32));
    UpdateParams.Create otherLock =
        new UpdateParams.Create(
            TOKEN,
            new Balance(PRICE, Uint256.ZERO, hub.signer().address(), publisher.signer().address()),
            HASHLOCK,
            Uint256.of(LEGS.forwardSeconds()),
            new HashlockState(
                HashlockTransfer.lockHash(Bytes32.fromHex("0x" + "99".repeat(32))), Uint256.ZERO));
    Transition forwarded = ok(new HubLegs(hub).forward(hubPublisher, otherLock, in));

    Checked<PublisherLeg.Taken> taken =
        new PublisherLeg(publisher).take(hubPublisher, forwarded.update(), PRICE, preImage, in);

    assertThat(taken.refusal().errorReason()).isEqualTo("lock_mismatch");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new HubLegs(hub)
                    .cancelUpstream(
                        hubPublisher, Bytes32.ZERO, RoutedPaymentState.DOWNSTREAM_RESOLVED, in))
        .hasMessageContaining("cannot move from DOWNSTREAM_RESOLVED to CANCELLED");
  }
}
