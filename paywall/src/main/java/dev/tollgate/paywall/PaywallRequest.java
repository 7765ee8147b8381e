package dev.tollgate.paywall;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Paywall} needs of a reader's request, whatever server received it.
 *
 * @param resourceUrl the resource's absolute URL, as the gateway's quote names it and as the
 *     publisher's resources on the gateway cover it (a URL prefix)
 * @param paymentSignatures every {@code PAYMENT-SIGNATURE} header of the request (none on a first
 *     request; more than one is refused)
 * @param resend the {@code TOLLGATE-RESEND} header, if any: the proof that lets a payment the
 *     gateway already took serve again
 * @param receiptToken the receipt the reader holds (the site's cookie), if any: a valid one serves
 *     the resource without a payment
 */
public record PaywallRequest(
    String resourceUrl,
    List<String> paymentSignatures,
    Optional<String> resend,
    Optional<String> receiptToken) {
  public PaywallRequest {
    Objects.requireNonNull(resourceUrl, "resourceUrl");
    paymentSignatures =
        paymentSignatures == null
            ? List.of()
            : paymentSignatures.stream().filter(h -> h != null && !h.isBlank()).toList();
    resend = Objects.requireNonNullElse(resend, Optional.<String>empty()).filter(h -> !h.isBlank());
    receiptToken =
        Objects.requireNonNullElse(receiptToken, Optional.<String>empty())
            .filter(t -> !t.isBlank());
  }

  /**
   * A request for {@code resourceUrl} with its {@code PAYMENT-SIGNATURE} and {@code
   * TOLLGATE-RESEND} headers, each null if absent.
   */
  public static PaywallRequest of(String resourceUrl, String paymentSignature, String resend) {
    return new PaywallRequest(
        resourceUrl,
        paymentSignature == null ? List.of() : List.of(paymentSignature),
        Optional.ofNullable(resend),
        Optional.empty());
  }

  /** This request with every {@code PAYMENT-SIGNATURE} header it carried (a server's list). */
  public PaywallRequest withPaymentSignatures(List<String> headers) {
    return new PaywallRequest(resourceUrl, headers, resend, receiptToken);
  }

  /** This request with the receipt the reader showed ({@code token}, null if none). */
  public PaywallRequest withReceipt(String token) {
    return new PaywallRequest(resourceUrl, paymentSignatures, resend, Optional.ofNullable(token));
  }
}
