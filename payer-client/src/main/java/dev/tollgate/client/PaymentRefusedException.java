package dev.tollgate.client;

/**
 * A paid call's payment was refused: by the gateway (its x402 {@code errorReason} from {@code
 * PAYMENT-RESPONSE}), or by this client before signing (a price above the caller's limit, a
 * requirement that pays someone other than the gateway). The channel is as it was before the call.
 */
public class PaymentRefusedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public PaymentRefusedException(int httpStatus, String errorReason, String detail) {
    super("payment", httpStatus, errorReason, detail);
  }
}
