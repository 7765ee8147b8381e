package dev.tollgate.functions.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.TransferMeta;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.RoutingMeta;
import dev.tollgate.x402.refusal.Checked;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The hub's decision for a reader's routed create, as a reader, a publisher or a stranger might try
 * to bend it: less than the price plus the fee, another timeout, an expiring lock, another asset, a
 * recipient the hub has no channel with, or more than the hub can lock for the publisher. The
 * forwarded create keeps the lock, pays the price (the hub keeps the fee) and times out the margin
 * earlier.
 */
class ForwardPlanTest {
  private static final Address HUB = addr("11");
  private static final Address READER = addr("22");
  private static final Address PUBLISHER = addr("33");
  private static final Address TOKEN = addr("44");
  private static final Address HASHLOCK = addr("55");
  private static final long CHAIN = 31337;
  private static final HubFee FEE = new HubFee(Uint256.of(10), 10_000); // 10 + 1 %
  private static final LegTimeouts LEGS = new LegTimeouts(86_400, 21_600);
  private static final Uint256 PRICE = Uint256.of(1_000);
  private static final Bytes32 LOCK =
      HashlockTransfer.lockHash(Bytes32.fromHex("0x" + "5e".repeat(32)));
  private static final Optional<ForwardPlan.RecipientChannel> OPEN =
      Optional.of(new ForwardPlan.RecipientChannel(PUBLISHER, Uint256.of(50_000)));

  private static Address addr(String b) {
    return Address.fromHex("0x" + b.repeat(20));
  }

  private static RoutingMeta route(Address recipient, Address asset, long chain) {
    return new RoutingMeta(
        Bytes32.fromHex("0x" + "ab".repeat(32)), recipient, chain, asset, PRICE, FEE.on(PRICE));
  }

  private static ChannelUpdate readerCreate(
      long amount, long timeout, Uint256 expiry, TransferMeta meta) {
    UpdateDetails.Create details =
        new UpdateDetails.Create(
            Bytes32.fromHex("0x" + "01".repeat(32)),
            new Balance(Uint256.of(amount), Uint256.ZERO, READER, HUB),
            HASHLOCK,
            Uint256.of(timeout),
            new HashlockState(LOCK, expiry),
            List.of(HashlockTransfer.STATE_ENCODING, HashlockTransfer.RESOLVER_ENCODING),
            Bytes32.fromHex("0x" + "02".repeat(32)),
            meta);
    return new ChannelUpdate(
        addr("66"),
        READER,
        HUB,
        3,
        new Balance(Uint256.ZERO, Uint256.of(100_000 - amount), HUB, READER),
        TOKEN,
        details,
        Optional.empty(),
        Optional.empty());
  }

  private static ChannelUpdate routed(long amount) {
    return readerCreate(amount, 86_400, Uint256.ZERO, route(PUBLISHER, TOKEN, CHAIN).toMeta());
  }

  private static Checked<UpdateParams.Create> plan(ChannelUpdate create) {
    return ForwardPlan.plan(create, HUB, CHAIN, FEE, LEGS, OPEN);
  }

  private static void assertRefused(Checked<?> c, RoutingReason reason, String detail) {
    assertThat(c.isOk()).as("refused").isFalse();
    assertThat(c.refusal().errorReason()).isEqualTo(reason.errorReason());
    assertThat(c.refusal().detail()).contains(detail);
  }

  @Test
  void theForwardPaysThePriceWithTheSameLockAndTimesOutTheMarginEarlier() {
    Checked<UpdateParams.Create> forward = plan(routed(1_020)); // 1000 + 10 + 1 % of 1000

    assertThat(forward.isOk()).as(String.valueOf(forward)).isTrue();
    UpdateParams.Create p = forward.value();
    assertThat(p.balance()).isEqualTo(new Balance(PRICE, Uint256.ZERO, HUB, PUBLISHER));
    assertThat(p.transferInitialState()).isEqualTo(new HashlockState(LOCK, Uint256.ZERO));
    assertThat(p.transferTimeout()).isEqualTo(Uint256.of(86_400 - 21_600));
    assertThat(p.assetId()).isEqualTo(TOKEN);
    assertThat(p.transferDefinition()).isEqualTo(HASHLOCK);
    RoutingMeta carried = ForwardPlan.routingOf(p.meta()).value();
    assertThat(carried.recipient()).isEqualTo(PUBLISHER);
    assertThat(carried.routingId()).isEqualTo(route(PUBLISHER, TOKEN, CHAIN).routingId());
  }

  @Test
  void aReaderCannotPayLessThanThePricePlusTheFeeNorBendTheTerms() {
    assertRefused(plan(routed(1_019)), RoutingReason.HUB_FEE_NOT_PAID, "is 1020");
    assertRefused(
        plan(readerCreate(1_020, 86_399, Uint256.ZERO, route(PUBLISHER, TOKEN, CHAIN).toMeta())),
        RoutingReason.ROUTE_TIMEOUT_MISMATCH,
        "asks 86400");
    assertRefused(
        plan(
            readerCreate(
                1_020,
                86_400,
                Uint256.of(2_000_000_000L),
                route(PUBLISHER, TOKEN, CHAIN).toMeta())),
        RoutingReason.LOCK_EXPIRY_NOT_ROUTABLE,
        "must not expire");
    assertRefused(
        plan(
            readerCreate(
                1_020, 86_400, Uint256.ZERO, route(PUBLISHER, addr("77"), CHAIN).toMeta())),
        RoutingReason.ROUTE_ASSET_MISMATCH,
        "on chain 31337");
    assertRefused(
        plan(readerCreate(1_020, 86_400, Uint256.ZERO, route(PUBLISHER, TOKEN, 1).toMeta())),
        RoutingReason.ROUTE_ASSET_MISMATCH,
        "on chain 1");
  }

  @Test
  void aQuoteInMetaThatUnderstatesThePriceOnlyMovesWhatThePublisherGets() {
    // Meta is not signed: a reader (or a relay) that writes a lower price in it makes the hub
    // forward that lower price, which the publisher's own gateway refuses (it checks the price it
    // asks against what arrives). The hub never forwards more than the create pays for.
    RoutingMeta cheap =
        new RoutingMeta(
            route(PUBLISHER, TOKEN, CHAIN).routingId(),
            PUBLISHER,
            CHAIN,
            TOKEN,
            Uint256.of(1),
            Uint256.ZERO);
    Checked<UpdateParams.Create> forward =
        plan(readerCreate(1_020, 86_400, Uint256.ZERO, cheap.toMeta()));
    assertThat(forward.value().balance().amount0()).isEqualTo(Uint256.of(1));
  }

  @Test
  void aRecipientWithoutAChannelOrWithoutEnoughCollateralIsRefused() {
    assertRefused(
        ForwardPlan.plan(routed(1_020), HUB, CHAIN, FEE, LEGS, Optional.empty()),
        RoutingReason.UNKNOWN_RECIPIENT,
        PUBLISHER.toString());
    assertRefused(
        ForwardPlan.plan(
            readerCreate(1_020, 86_400, Uint256.ZERO, route(addr("88"), TOKEN, CHAIN).toMeta()),
            HUB,
            CHAIN,
            FEE,
            LEGS,
            OPEN),
        RoutingReason.UNKNOWN_RECIPIENT,
        addr("88").toString());
    assertRefused(
        ForwardPlan.plan(
            routed(1_020),
            HUB,
            CHAIN,
            FEE,
            LEGS,
            Optional.of(new ForwardPlan.RecipientChannel(PUBLISHER, Uint256.of(999)))),
        RoutingReason.INSUFFICIENT_COLLATERAL,
        "holds 999");
  }

  @Test
  void aCreateWithoutRoutingOrWithBrokenRoutingIsNamed() {
    assertRefused(
        plan(readerCreate(1_020, 86_400, Uint256.ZERO, TransferMeta.NONE)),
        RoutingReason.NOT_ROUTED,
        "no routing data");
    ObjectNode twoHops = route(PUBLISHER, TOKEN, CHAIN).toMeta().json();
    ((com.fasterxml.jackson.databind.node.ArrayNode) twoHops.get("path"))
        .add(twoHops.get("path").get(0).deepCopy());
    assertRefused(
        plan(readerCreate(1_020, 86_400, Uint256.ZERO, TransferMeta.of(twoHops))),
        RoutingReason.MALFORMED_ROUTING,
        "exactly one hop");
    ObjectNode noFee = route(PUBLISHER, TOKEN, CHAIN).toMeta().json();
    ((ObjectNode) noFee.get("quote")).remove("fee");
    assertRefused(
        plan(readerCreate(1_020, 86_400, Uint256.ZERO, TransferMeta.of(noFee))),
        RoutingReason.MALFORMED_ROUTING,
        "details.meta.quote.fee");
  }

  @Test
  void aRoutedPaymentMovesOnlyAlongItsTableAndCannotBeCancelledOnceResolvedDownstream() {
    RoutedPaymentState s = RoutedPaymentState.RECEIVED;
    s = s.moveTo(RoutedPaymentState.FORWARDED);
    assertThat(s.mayCancel()).isTrue();
    s = s.moveTo(RoutedPaymentState.DOWNSTREAM_RESOLVED);
    assertThat(s.mayCancel()).as("the preimage is out: claim, never cancel").isFalse();
    RoutedPaymentState resolved = s;
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> resolved.moveTo(RoutedPaymentState.CANCELLED))
        .hasMessage("a routed payment cannot move from DOWNSTREAM_RESOLVED to CANCELLED");
    assertThat(s.moveTo(RoutedPaymentState.SETTLED).isFinal()).isTrue();
    assertThat(RoutedPaymentState.CANCELLED.isFinal()).isTrue();
    assertThat(RoutedPaymentState.RECEIVED.canMoveTo(RoutedPaymentState.SETTLED)).isFalse();
  }
}
