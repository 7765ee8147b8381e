package dev.tollgate.functions.paywall;

import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.protocol.UpdateApplier;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.functions.gateway.Accepted;
import dev.tollgate.functions.gateway.ChannelCache;
import dev.tollgate.functions.gateway.InboundUpdates;
import dev.tollgate.x402.PayerLockedPayment;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.SchemePayment;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * The paid request of DESIGN §3: a quote for an unpaid request; for a paid one, the quote and the
 * create checked, the create countersigned and the transfer resolved with the preimage the quote
 * derives, all in one conditional write. Nothing is stored for a quote; a payment sent twice is
 * charged once and serves once, unless the payer proves the copy is its own ({@link
 * RecordedPayments}).
 */
public final class PaidRequests {
  private final QuoteBook quotes;
  private final InboundUpdates updates;
  private final Clock clock;
  private final QuoteNonces nonces;
  private final ChannelCache cache;
  private final RecordedPayments recorded;

  public PaidRequests(
      QuoteBook quotes,
      InboundUpdates updates,
      RecordedPayments recorded,
      ChannelCache cache,
      Clock clock,
      QuoteNonces nonces) {
    this.recorded = Objects.requireNonNull(recorded, "recorded");
    this.quotes = Objects.requireNonNull(quotes, "quotes");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.updates = Objects.requireNonNull(updates, "updates");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  public String network() {
    return quotes.network();
  }

  /** The 402 body for {@code resource} at {@code route}'s price, from the route table. */
  public PaymentRequired challenge(PricedRoute route, String resourceUrl, Optional<String> why) {
    return challenge(route, resourceUrl, QuoteIssuer.ROUTES, why);
  }

  /** The 402 body for {@code resource} at {@code route}'s price, issued by {@code issuer}. */
  public PaymentRequired challenge(
      PricedRoute route, String resourceUrl, QuoteIssuer issuer, Optional<String> why) {
    ResourceInfo resource = new ResourceInfo(resourceUrl, route.description(), route.mimeType());
    PaymentRequirements requirement =
        quotes.quote(resource, route.price(), issuer, clock.nowSeconds(), nonces.next());
    return PaymentRequired.of(why.orElse(null), resource, requirement);
  }

  /**
   * Checks a payment to {@code seller} without signing or storing anything: the facilitator's
   * {@code verify}; {@code resend} is the payer's proof for a payment sent again.
   */
  public Checked<ChannelUpdate> verify(
      SchemePayment payment, String resourceUrl, Seller seller, Optional<String> resend) {
    long now = clock.nowSeconds();
    return checkedQuote(payment, resourceUrl, seller, now)
        .flatMap(quote -> channelOf(payment.create()))
        .flatMap(
            stored -> {
              ChannelUpdate create = payment.create();
              if (create.nonce() <= stored.nonce()) {
                return updates
                    .repeatOrBehind(create, stored)
                    .flatMap(repeat -> recorded.verify(repeat, resend));
              }
              Outcome<Transition> applied =
                  UpdateApplier.applyUpdate(
                      stored.latest(), create, ChainInputs.at(now), updates.gateway().rules());
              if (!applied.isOk()) {
                return Checked.refused(Refusal.of(applied.rejection()));
              }
              return Checked.ok(create);
            });
  }

  /**
   * Takes the payment for {@code seller}: the facilitator's {@code settle} and the paywall's paid
   * request. {@code resend} is the payer's {@code TOLLGATE-RESEND} proof, if the request carries
   * one: a payment the channel already holds is served only with a fresh one. The channel comes
   * from this container's cache when it has it, sparing a read; an attempt refused on a cached
   * state is made again on the stored one, so the cache never changes an answer.
   */
  public Checked<SettlementResponse> settle(
      SchemePayment payment, String resourceUrl, Seller seller, Optional<String> resend) {
    long now = clock.nowSeconds();
    return checkedQuote(payment, resourceUrl, seller, now)
        .flatMap(
            quote ->
                take(payment.create(), quote, now)
                    .flatMap(
                        taken ->
                            taken.replayed()
                                ? recorded.settle(taken, quote, resend, now)
                                : Checked.ok(taken)))
        .map(this::settlement);
  }

  /**
   * The {@code PAYMENT-RESPONSE} of a refused payment: its payer when the payment could be read,
   * never a stored state (whoever holds the payment header sees this answer; a payer that is behind
   * catches up with a signed read of its channel).
   */
  public SettlementResponse refusedSettlement(Refusal refusal, Optional<ChannelUpdate> create) {
    if (create.isPresent()
        && refusal.errorReason().equals(PaywallReason.PAYMENT_ALREADY_USED.errorReason())) {
      return SettlementResponse.alreadyUsed(
          quotes.network(),
          refusal,
          create.get().fromIdentifier(),
          RecordedPayments.transferId(create.get()));
    }
    return SettlementResponse.refused(
        quotes.network(), refusal, create.map(ChannelUpdate::fromIdentifier));
  }

  private Checked<Accepted> take(ChannelUpdate create, VerifiedQuote quote, long now) {
    Optional<StoredChannel> cached = cache.get(create.channelAddress());
    if (cached.isPresent()) {
      Checked<Accepted> fast = accept(cached.get(), create, quote, now);
      if (fast.isOk()) {
        cache.put(fast.value().channel());
        return fast;
      }
      cache.forget(create.channelAddress());
    }
    Checked<Accepted> result =
        channelOf(create).flatMap(stored -> accept(stored, create, quote, now));
    if (result.isOk()) {
      cache.put(result.value().channel());
    } else {
      result.refusal().stored().ifPresent(cache::put);
    }
    return result;
  }

  private Checked<Accepted> accept(
      StoredChannel stored, ChannelUpdate create, VerifiedQuote quote, long now) {
    return updates.accept(
        Optional.of(stored),
        stored.latest(),
        create,
        () -> ChainInputs.at(now),
        created -> updates.resolveCreated(created, new HashlockResolver(quote.preImage()), now));
  }

  /**
   * The lock {@code payment} pays, checked: a quote this gateway issued for the seller, or a lock
   * the payer chose for the resource (its price is then the seller's alone, as sent).
   */
  private Checked<VerifiedQuote> checkedQuote(
      SchemePayment payment, String resourceUrl, Seller seller, long now) {
    Checked<VerifiedQuote> lock =
        payment instanceof PayerLockedPayment payerLocked
            ? quotes.verifyPayerLock(payerLocked, resourceUrl, seller.price())
            : quotes
                .verify(((PaymentPayload) payment).accepted(), resourceUrl, seller.issuer(), now)
                .flatMap(quote -> atSellersPrice(quote, seller));
    return lock.flatMap(
        quote ->
            quotes
                .checkCreate(quote, payment.create())
                .<Checked<VerifiedQuote>>map(Checked::refused)
                .orElseGet(() -> Checked.ok(quote)));
  }

  /** The seller's price may have risen since the quote: a cheaper quote no longer pays. */
  private static Checked<VerifiedQuote> atSellersPrice(VerifiedQuote quote, Seller seller) {
    if (quote.amount().compareTo(seller.price()) < 0) {
      return Checked.refused(
          PaywallReason.BELOW_PRICE,
          "the quote's price "
              + quote.amount()
              + " is below the seller's price "
              + seller.price()
              + " for the resource");
    }
    return Checked.ok(quote);
  }

  private Checked<StoredChannel> channelOf(ChannelUpdate create) {
    return updates
        .store()
        .load(create.channelAddress())
        .<Checked<StoredChannel>>map(Checked::ok)
        .orElseGet(
            () ->
                Checked.refused(
                    PaywallReason.CHANNEL_NOT_OPEN,
                    "no channel "
                        + create.channelAddress()
                        + " is open with this gateway; open one before paying"));
  }

  private SettlementResponse settlement(Accepted accepted) {
    ChannelUpdate create = accepted.countersigned();
    ChannelUpdate resolve =
        accepted
            .gatewayUpdate()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "payment at nonce "
                            + create.nonce()
                            + " in channel "
                            + create.channelAddress()
                            + " was recorded without its resolve"));
    return SettlementResponse.settled(
        quotes.network(),
        create.fromIdentifier(),
        ((UpdateDetails.Create) create.details()).transferId(),
        create,
        resolve);
  }
}
