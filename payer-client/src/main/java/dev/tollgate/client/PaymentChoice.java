package dev.tollgate.client;

import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.RouteOffer;
import dev.tollgate.x402.refusal.PaywallReason;
import java.util.Optional;

/**
 * Which of a 402's offers this client pays, if any: one on the gateway's network and contracts,
 * paying the gateway in an asset it prices in, at no more than the caller's limit. Anything else is
 * refused before signing: a resource server cannot make this client pay someone else. An offer
 * through a hub is paid when the hub is this client's gateway and its price and fee add up.
 */
final class PaymentChoice {
  /** The errorReason of a price above the caller's {@code maxPrice}. */
  static final String PRICE_ABOVE_LIMIT = "price_above_limit";

  private PaymentChoice() {}

  static PaymentRequirements choose(
      PaymentRequired required, GatewayInfo gateway, Optional<Uint256> maxPrice)
      throws PaymentRefusedException {
    PaymentRefusedException first = null;
    for (PaymentRequirements offer : required.accepts()) {
      Optional<PaymentRefusedException> problem = problem(offer, gateway, maxPrice);
      if (problem.isEmpty()) {
        return offer;
      }
      first = first == null ? problem.get() : first;
    }
    throw first;
  }

  private static Optional<PaymentRefusedException> problem(
      PaymentRequirements offer, GatewayInfo gateway, Optional<Uint256> maxPrice) {
    QuoteExtra x = offer.extra();
    if (!offer.network().equals(gateway.caip2())
        || !x.channelFactoryAddress().equals(gateway.networkContext().channelFactoryAddress())
        || !x.transferRegistryAddress()
            .equals(gateway.networkContext().transferRegistryAddress())) {
      return refused(
          PaywallReason.NETWORK_MISMATCH,
          "the offer is on "
              + offer.network()
              + " with factory "
              + x.channelFactoryAddress()
              + "; the gateway is on "
              + gateway.caip2()
              + " with factory "
              + gateway.networkContext().channelFactoryAddress());
    }
    if (!offer.payTo().equals(gateway.address())) {
      return refused(
          PaywallReason.WRONG_PAY_TO,
          "the offer pays " + offer.payTo() + ", not this client's gateway " + gateway.address());
    }
    if (!gateway.assets().contains(offer.asset())) {
      return refused(
          PaywallReason.WRONG_ASSET,
          "the offer is priced in " + offer.asset() + ", which the gateway does not take");
    }
    if (!x.transferDefinition().equals(gateway.hashlockDefinition())) {
      return refused(
          PaywallReason.LOCK_MISMATCH,
          "the offer locks through "
              + x.transferDefinition()
              + ", not the gateway's hashlock "
              + gateway.hashlockDefinition());
    }
    if (x.route().isPresent()) {
      RouteOffer route = x.route().get();
      if (!route.hub().equals(gateway.address())) {
        return refused(
            PaywallReason.WRONG_PAY_TO,
            "the offer routes through hub "
                + route.hub()
                + ", not this client's "
                + gateway.address());
      }
      if (!route.total().equals(offer.amount())) {
        return refused(
            PaywallReason.INVALID_QUOTE,
            "the offer asks "
                + offer.amount()
                + " but its price "
                + route.price()
                + " and hub fee "
                + route.fee()
                + " add up to "
                + route.total());
      }
    }
    if (maxPrice.isPresent() && offer.amount().compareTo(maxPrice.get()) > 0) {
      return Optional.of(
          new PaymentRefusedException(
              402,
              PRICE_ABOVE_LIMIT,
              "the price " + offer.amount() + " is above this client's limit " + maxPrice.get()));
    }
    return Optional.empty();
  }

  private static Optional<PaymentRefusedException> refused(PaywallReason reason, String detail) {
    return Optional.of(
        new PaymentRefusedException(reason.httpStatus(), reason.errorReason(), detail));
  }
}
