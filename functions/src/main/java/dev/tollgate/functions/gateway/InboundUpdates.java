package dev.tollgate.functions.gateway;

import static dev.tollgate.core.failure.FailureReason.SKIPPED_NONCE;
import static dev.tollgate.core.failure.FailureReason.STALE_NONCE;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.port.ChannelDisputedException;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.port.StaleChannelException;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one path every payer update takes: answer a repeat with what was recorded, countersign,
 * optionally add the gateway's own update on top, and store it all in one conditional write. A lost
 * race is answered with what is stored now (409), unless the winner was this same update.
 */
public final class InboundUpdates {
  private final ChannelStore store;
  private final ChannelParty gateway;

  public InboundUpdates(ChannelStore store, ChannelParty gateway) {
    this.store = Objects.requireNonNull(store, "store");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  public ChannelParty gateway() {
    return gateway;
  }

  public ChannelStore store() {
    return store;
  }

  /**
   * Takes {@code inbound} on top of {@code base}, the stored latest state ({@code stored}) or, for
   * a setup, the unopened channel. {@code followUp} may build the gateway's own update on the
   * countersigned state; it is not called for a repeat.
   */
  public Checked<Accepted> accept(
      Optional<StoredChannel> stored,
      Channel base,
      ChannelUpdate inbound,
      Supplier<ChainInputs> inputs,
      Function<Transition, Checked<Optional<Transition>>> followUp) {
    long storedNonce = stored.map(StoredChannel::nonce).orElse(0L);
    if (inbound.nonce() <= storedNonce) {
      return repeatOrBehind(inbound, stored.orElseThrow());
    }
    Outcome<Transition> countersigned = gateway.countersign(base, inbound, inputs.get());
    if (!countersigned.isOk()) {
      return refusal(countersigned.rejection(), stored);
    }
    Checked<Optional<Transition>> own = followUp.apply(countersigned.value());
    if (!own.isOk()) {
      return Checked.refused(own.refusal());
    }
    List<ChannelUpdate> updates = new ArrayList<>(2);
    updates.add(countersigned.value().update());
    StoredChannel next;
    if (own.value().isPresent()) {
      Transition mine = own.value().get();
      updates.add(mine.update());
      next = new StoredChannel(mine.next(), countersigned.value().next());
    } else {
      next = StoredChannel.doubleSigned(countersigned.value().next());
    }
    try {
      store.write(new ChannelWrite(storedNonce, next, updates));
    } catch (StaleChannelException lost) {
      // The winner may have been this very update, sent twice at once.
      Optional<Accepted> repeat = recordedAnswer(inbound);
      if (repeat.isPresent()) {
        return Checked.ok(repeat.get());
      }
      return lost.stored()
          .<Checked<Accepted>>map(
              s -> Checked.refused(Refusal.behind(Rejection.of(STALE_NONCE, lost.getMessage()), s)))
          .orElseGet(() -> Checked.refused(GatewayReason.UNKNOWN_CHANNEL, lost.getMessage()));
    } catch (ChannelDisputedException disputed) {
      return Checked.refused(GatewayReason.CHANNEL_DISPUTED, disputed.getMessage());
    }
    return Checked.ok(new Accepted(updates, next, false));
  }

  /**
   * The gateway's resolve of the transfer {@code created} just made, for {@link #accept}'s
   * follow-up: a paid request resolves with the quote's preimage, a withdrawal with the gateway's
   * signature on the commitment.
   */
  public Checked<Optional<Transition>> resolveCreated(
      Transition created, TransferResolver resolver, long now) {
    Bytes32 transferId = ((UpdateDetails.Create) created.update().details()).transferId();
    return Checked.from(
            gateway.propose(
                created.next(),
                new UpdateParams.Resolve(transferId, resolver),
                ChainInputs.at(now)))
        .map(Optional::of);
  }

  /**
   * An update the gateway proposes alone (a resolve it can make because it knows the preimage),
   * stored as the latest state while the latest double-signed state stays where it was.
   */
  public Checked<Accepted> propose(StoredChannel stored, UpdateParams params, ChainInputs inputs) {
    Outcome<Transition> mine = gateway.propose(stored.latest(), params, inputs);
    if (!mine.isOk()) {
      return refusal(mine.rejection(), Optional.of(stored));
    }
    StoredChannel next = new StoredChannel(mine.value().next(), stored.latestDoubleSigned());
    try {
      store.write(new ChannelWrite(stored.nonce(), next, List.of(mine.value().update())));
    } catch (StaleChannelException lost) {
      return Checked.refused(
          Refusal.behind(
              Rejection.of(STALE_NONCE, lost.getMessage()), lost.stored().orElse(stored)));
    } catch (ChannelDisputedException disputed) {
      return Checked.refused(GatewayReason.CHANNEL_DISPUTED, disputed.getMessage());
    }
    return Checked.ok(new Accepted(List.of(mine.value().update()), next, false));
  }

  /**
   * For an update at or below the stored nonce: the recorded answer if it is a repeat, else 409.
   */
  public Checked<Accepted> repeatOrBehind(ChannelUpdate inbound, StoredChannel stored) {
    Optional<Accepted> repeat = recordedAnswer(inbound);
    if (repeat.isPresent()) {
      return Checked.ok(repeat.get());
    }
    return Checked.refused(
        Refusal.behind(
            Rejection.of(
                STALE_NONCE,
                "update nonce "
                    + inbound.nonce()
                    + " is not above the channel's nonce "
                    + stored.nonce()
                    + "; sync from the latest update and retry"),
            stored));
  }

  /**
   * The answer recorded for {@code inbound} if the store holds this same update, signed by the same
   * payer: the countersigned update and the gateway's own update that followed it, if any.
   */
  public Optional<Accepted> recordedAnswer(ChannelUpdate inbound) {
    List<ChannelUpdate> recorded =
        store.updatesAfter(inbound.channelAddress(), inbound.nonce() - 1, 2);
    if (recorded.isEmpty() || !sameUpdate(recorded.get(0), inbound)) {
      return Optional.empty();
    }
    List<ChannelUpdate> answer = new ArrayList<>(2);
    answer.add(recorded.get(0));
    if (recorded.size() == 2 && followsUp(recorded.get(0), recorded.get(1))) {
      answer.add(recorded.get(1));
    }
    StoredChannel now = store.load(inbound.channelAddress()).orElseThrow();
    return Optional.of(new Accepted(answer, now, true));
  }

  private static boolean sameUpdate(ChannelUpdate recorded, ChannelUpdate inbound) {
    return recorded.unsigned().equals(inbound.unsigned())
        && recorded.bobSignature().equals(inbound.bobSignature())
        && (inbound.aliceSignature().isEmpty()
            || recorded.aliceSignature().equals(inbound.aliceSignature()));
  }

  /** The gateway's resolve of the transfer {@code first} created, written with it. */
  private boolean followsUp(ChannelUpdate first, ChannelUpdate second) {
    return first.details() instanceof UpdateDetails.Create create
        && second.details() instanceof UpdateDetails.Resolve resolve
        && resolve.transferId().equals(create.transferId())
        && second.fromIdentifier().equals(gateway.signer().address());
  }

  private static <T> Checked<T> refusal(Rejection rejection, Optional<StoredChannel> stored) {
    FailureReason reason = rejection.reason();
    if ((reason == STALE_NONCE || reason == SKIPPED_NONCE) && stored.isPresent()) {
      return Checked.refused(Refusal.behind(rejection, stored.get()));
    }
    return Checked.refused(Refusal.of(rejection));
  }
}
