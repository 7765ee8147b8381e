package dev.tollgate.functions.routing;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.TransferMeta;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.RoutingMeta;
import dev.tollgate.x402.refusal.Checked;
import java.util.Objects;
import java.util.Optional;

/**
 * What a hub forwards for a reader's routed create, decided without I/O: the create on the
 * hub–publisher channel that pays the publisher its price with the same lock and a transfer timeout
 * shorter by the margin, or the reason the hub will not forward. The hub keeps the difference
 * between the reader's amount and the price, at least its fee.
 *
 * <p>The reader's create is checked against itself, never against meta alone: meta names the
 * recipient and the price, the signed create holds the amount, the lock and the timeout.
 */
public final class ForwardPlan {
  private ForwardPlan() {}

  /** The routing data of a create's meta, or why there is none a hub can follow. */
  public static Checked<RoutingMeta> routingOf(TransferMeta meta) {
    if (meta.isEmpty()) {
      return Checked.refused(
          RoutingReason.NOT_ROUTED, "the create's details.meta carries no routing data");
    }
    try {
      return Checked.ok(RoutingMeta.fromMeta(meta));
    } catch (IllegalArgumentException e) {
      return Checked.refused(RoutingReason.MALFORMED_ROUTING, e.getMessage());
    }
  }

  /**
   * What the hub knows of the recipient's channel: whether one is open, and how much of the asset
   * is the hub's to lock in it.
   *
   * @param hubFree the hub's balance in the channel, not locked in transfers
   */
  public record RecipientChannel(Address publisher, Uint256 hubFree) {
    public RecipientChannel {
      Objects.requireNonNull(publisher, "publisher");
      Objects.requireNonNull(hubFree, "hubFree");
    }
  }

  /**
   * @param readerCreate the reader's create, already accepted by the hub's channel rules
   * @param hub the hub's address (alice in both channels)
   * @param chainId the hub's chain
   * @param recipient the recipient's channel, if the hub has one open
   */
  public static Checked<UpdateParams.Create> plan(
      ChannelUpdate readerCreate,
      Address hub,
      long chainId,
      HubFee fee,
      LegTimeouts legs,
      Optional<RecipientChannel> recipient) {
    Objects.requireNonNull(readerCreate, "readerCreate");
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(legs, "legs");
    Objects.requireNonNull(recipient, "recipient");
    if (!(readerCreate.details() instanceof UpdateDetails.Create create)
        || !(create.transferInitialState() instanceof HashlockState lock)) {
      return Checked.refused(RoutingReason.NOT_ROUTED, "only a hashlock create can be forwarded");
    }
    Checked<RoutingMeta> parsed = routingOf(create.meta());
    if (!parsed.isOk()) {
      return Checked.refused(parsed.refusal());
    }
    RoutingMeta route = parsed.value();
    if (route.recipientChainId() != chainId
        || !route.recipientAssetId().equals(readerCreate.assetId())) {
      return Checked.refused(
          RoutingReason.ROUTE_ASSET_MISMATCH,
          "the route asks asset "
              + route.recipientAssetId()
              + " on chain "
              + route.recipientChainId()
              + "; this hub forwards the create's asset "
              + readerCreate.assetId()
              + " on chain "
              + chainId);
    }
    if (!lock.expiry().isZero()) {
      return Checked.refused(
          RoutingReason.LOCK_EXPIRY_NOT_ROUTABLE,
          "the lock expires at "
              + lock.expiry()
              + "; a routed lock must not expire (the transfer timeouts bound both legs)");
    }
    if (!create.transferTimeout().equals(Uint256.of(legs.readerSeconds()))) {
      return Checked.refused(
          RoutingReason.ROUTE_TIMEOUT_MISMATCH,
          "the create's transferTimeout is "
              + create.transferTimeout()
              + ", the hub's offer asks "
              + legs.readerSeconds());
    }
    Uint256 due = fee.totalFor(route.price());
    Balance locked = create.balance();
    if (!locked.to1().equals(hub)) {
      return Checked.refused(
          RoutingReason.NOT_ROUTED, "the create pays " + locked.to1() + ", not this hub " + hub);
    }
    if (locked.amount0().compareTo(due) < 0) {
      return Checked.refused(
          RoutingReason.HUB_FEE_NOT_PAID,
          "the create locks "
              + locked.amount0()
              + "; the price "
              + route.price()
              + " plus the hub's fee "
              + fee.on(route.price())
              + " is "
              + due);
    }
    Optional<RecipientChannel> channel =
        recipient.filter(r -> r.publisher().equals(route.recipient()));
    if (channel.isEmpty()) {
      return Checked.refused(
          RoutingReason.UNKNOWN_RECIPIENT,
          "this hub has no open channel with " + route.recipient());
    }
    if (channel.get().hubFree().compareTo(route.price()) < 0) {
      return Checked.refused(
          RoutingReason.INSUFFICIENT_COLLATERAL,
          "the hub holds "
              + channel.get().hubFree()
              + " in its channel with "
              + route.recipient()
              + ", the price is "
              + route.price());
    }
    return Checked.ok(
        new UpdateParams.Create(
            readerCreate.assetId(),
            new Balance(route.price(), Uint256.ZERO, hub, route.recipient()),
            create.transferDefinition(),
            Uint256.of(legs.forwardSeconds()),
            lock,
            new RoutingMeta(
                    route.routingId(),
                    route.recipient(),
                    route.recipientChainId(),
                    route.recipientAssetId(),
                    route.price(),
                    Uint256.ZERO)
                .toMeta()));
  }
}
