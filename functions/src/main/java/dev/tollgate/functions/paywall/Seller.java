package dev.tollgate.functions.paywall;

import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * Who is being paid for a resource, and what they ask for it now: the gateway's route table at the
 * route's price on {@code /paid}, or the publisher calling {@code /verify} or {@code /settle} at
 * the price it names. A payment is taken only on a quote that seller issued, at no less than that
 * price: the price is the seller's decision, never the payer's.
 */
public record Seller(QuoteIssuer issuer, Uint256 price) {
  public Seller {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(price, "price");
  }

  public static Seller route(PricedRoute route) {
    return new Seller(QuoteIssuer.ROUTES, route.price());
  }
}
