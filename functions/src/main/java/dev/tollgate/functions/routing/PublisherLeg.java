package dev.tollgate.functions.routing;

import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Objects;

/**
 * The publisher gateway's side of a routed payment, on its channel with the hub (the publisher is
 * bob, the hub alice): it countersigns the hub's forwarded create only if it pays this publisher at
 * least its price with the lock whose preimage it holds, and only then reveals the preimage in its
 * resolve. No I/O: the caller stores what comes back and sends it to the hub.
 */
public final class PublisherLeg {
  private final ChannelParty publisher;

  public PublisherLeg(ChannelParty publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /** The countersigned create and the publisher's resolve of it, both to store, in that order. */
  public record Taken(Transition created, Transition resolved) {}

  /**
   * Takes the hub's forwarded create on {@code hubChannel}: at least {@code price}, locked with
   * {@code sha256(preImage)}, paying this publisher; countersigns it and resolves it at once.
   */
  public Checked<Taken> take(
      Channel hubChannel,
      ChannelUpdate forwarded,
      Uint256 price,
      Bytes32 preImage,
      ChainInputs in) {
    Objects.requireNonNull(hubChannel, "hubChannel");
    Objects.requireNonNull(forwarded, "forwarded");
    if (!(forwarded.details() instanceof UpdateDetails.Create create)
        || !(create.transferInitialState() instanceof HashlockState lock)) {
      return refused(PaywallReason.NOT_A_CREATE, "the hub forwarded no hashlock create");
    }
    if (!lock.lockHash().equals(HashlockTransfer.lockHash(preImage))) {
      return refused(
          PaywallReason.LOCK_MISMATCH,
          "the forwarded lock " + lock.lockHash() + " is not this payment's");
    }
    if (!create.balance().to1().equals(publisher.signer().address())) {
      return refused(
          PaywallReason.WRONG_PAY_TO,
          "the forwarded transfer pays " + create.balance().to1() + ", not this publisher");
    }
    if (create.balance().amount0().compareTo(price) < 0) {
      return refused(
          PaywallReason.BELOW_PRICE,
          "the hub forwards " + create.balance().amount0() + ", the price is " + price);
    }
    Outcome<Transition> created = publisher.countersign(hubChannel, forwarded, in);
    if (!created.isOk()) {
      return Checked.refused(Refusal.of(created.rejection()));
    }
    Outcome<Transition> resolved =
        publisher.propose(
            created.value().next(),
            new UpdateParams.Resolve(create.transferId(), new HashlockResolver(preImage)),
            in);
    if (!resolved.isOk()) {
      return Checked.refused(Refusal.of(resolved.rejection()));
    }
    return Checked.ok(new Taken(created.value(), resolved.value()));
  }

  private static Checked<Taken> refused(PaywallReason reason, String detail) {
    return Checked.refused(reason, detail);
  }
}
