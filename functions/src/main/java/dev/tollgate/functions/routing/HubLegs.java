package dev.tollgate.functions.routing;

import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Bytes32;
import java.util.Objects;

/**
 * The hub's side of a routed payment across its two channels, as protocol steps without I/O: sign
 * the forward on the hub–publisher channel, take in the publisher's countersignature and resolve
 * (learning the preimage), then resolve the reader's transfer with it; or cancel the reader's
 * transfer when the forward fails. Each step returns the transition to store before the next is
 * taken ({@link RoutedPaymentState} names them).
 */
public final class HubLegs {
  private final ChannelParty hub;

  public HubLegs(ChannelParty hub) {
    this.hub = Objects.requireNonNull(hub, "hub");
  }

  /** The forwarded create, signed by the hub ({@link RoutedPaymentState#FORWARDED}). */
  public Outcome<Transition> forward(
      Channel hubPublisher, UpdateParams.Create plan, ChainInputs in) {
    return hub.propose(hubPublisher, plan, in);
  }

  /** The forward taken in double-signed, then the publisher's resolve countersigned. */
  public record Downstream(Transition created, Transition resolved) {
    /** The preimage the publisher revealed. */
    public Bytes32 preImage() {
      return preImageOf(resolved.update());
    }
  }

  /**
   * The publisher's answer: its countersignature of the forward (taken in as double-signed) and its
   * resolve (countersigned here); the resolve's resolver is the preimage ({@link
   * RoutedPaymentState#DOWNSTREAM_RESOLVED}).
   */
  public Outcome<Downstream> takeDownstream(
      Channel beforeForward,
      ChannelUpdate countersignedForward,
      ChannelUpdate publisherResolve,
      ChainInputs in) {
    Outcome<Transition> created = hub.acceptDoubleSigned(beforeForward, countersignedForward, in);
    if (!created.isOk()) {
      return Outcome.fail(created.rejection());
    }
    Outcome<Transition> resolved = hub.countersign(created.value().next(), publisherResolve, in);
    if (!resolved.isOk()) {
      return Outcome.fail(resolved.rejection());
    }
    return Outcome.ok(new Downstream(created.value(), resolved.value()));
  }

  /** The preimage a countersigned resolve revealed. */
  public static Bytes32 preImageOf(ChannelUpdate resolve) {
    if (!(resolve.details() instanceof UpdateDetails.Resolve r)
        || !(r.transferResolver() instanceof HashlockResolver h)
        || h.isCancel()) {
      throw new IllegalArgumentException(
          "update at nonce " + resolve.nonce() + " is not a hashlock resolve with a preimage");
    }
    return h.preImage();
  }

  /** The reader's transfer resolved with the preimage ({@link RoutedPaymentState#SETTLED}). */
  public Outcome<Transition> settleUpstream(
      Channel readerHub, Bytes32 readerTransferId, Bytes32 preImage, ChainInputs in) {
    return hub.propose(
        readerHub, new UpdateParams.Resolve(readerTransferId, new HashlockResolver(preImage)), in);
  }

  /**
   * The reader's transfer cancelled, its amount back to the reader ({@link
   * RoutedPaymentState#CANCELLED}): only while the publisher has not resolved.
   */
  public Outcome<Transition> cancelUpstream(
      Channel readerHub, Bytes32 readerTransferId, RoutedPaymentState state, ChainInputs in) {
    state.moveTo(RoutedPaymentState.CANCELLED);
    return hub.propose(
        readerHub, new UpdateParams.Resolve(readerTransferId, HashlockResolver.cancel()), in);
  }
}
