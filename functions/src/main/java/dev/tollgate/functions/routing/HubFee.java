package dev.tollgate.functions.routing;

import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a hub charges to forward a payment: a flat part plus parts per million of the price, rounded
 * up so a fee is never below its rate. Named in the publisher's offer; the reader's create must
 * lock the price plus this.
 *
 * @param flat base units per forwarded payment
 * @param ppm parts per million of the price, 0 to 1,000,000
 */
public record HubFee(Uint256 flat, long ppm) {
  public static final HubFee NONE = new HubFee(Uint256.ZERO, 0);
  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

  public HubFee {
    Objects.requireNonNull(flat, "flat");
    if (ppm < 0 || ppm > 1_000_000) {
      throw new IllegalArgumentException(
          "tollgate.routing.fee-ppm must be 0..1000000 (parts per million), got " + ppm);
    }
  }

  /** The fee on {@code price}. */
  public Uint256 on(Uint256 price) {
    Objects.requireNonNull(price, "price");
    BigInteger[] qr = price.value().multiply(BigInteger.valueOf(ppm)).divideAndRemainder(MILLION);
    BigInteger proportional = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return Uint256.of(flat.value().add(proportional));
  }

  /** What the reader's create must lock to pay {@code price} through the hub. */
  public Uint256 totalFor(Uint256 price) {
    return Uint256.of(price.value().add(on(price).value()));
  }
}
