package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.AcceptedCases.edit;
import static dev.tollgate.functions.fuzz.Family.ACCEPTED;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.paywall.QuoteBook;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResourceInfo;
import java.util.Base64;

/**
 * The quote id of a genuine payment spoiled (a bit of its MAC or of its claims flipped, cut,
 * lengthened, padded, in the standard alphabet, with other trailing bits, empty), swapped for
 * another genuine quote's id (the same resource, another resource), and whole quotes the gateway
 * must not honour: one that has expired, one from a gateway with another secret.
 */
final class QuoteIdKinds {
  private QuoteIdKinds() {}

  static void register(CaseSource source, PaymentMaterial m, QuoteBook otherGateway) {
    source.kind(
        "extra.quoteId-mac-bit-flipped",
        (kind, r) -> {
          Payment p = m.payment(r);
          byte[] token = Base64.getUrlDecoder().decode(p.accepted().extra().quoteId());
          token[token.length - 1 - r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
          return edit(
                  p,
                  kind,
                  "extra.quoteId",
                  Mutate.JSON.textNode(
                      Base64.getUrlEncoder().withoutPadding().encodeToString(token)))
              .expecting("invalid_quote");
        });
    source.kind(
        "extra.quoteId-claim-bit-flipped",
        (kind, r) -> {
          Payment p = m.payment(r);
          byte[] token = Base64.getUrlDecoder().decode(p.accepted().extra().quoteId());
          token[r.nextInt(token.length - 32)] ^= (byte) (1 << r.nextInt(8));
          return edit(
                  p,
                  kind,
                  "extra.quoteId",
                  Mutate.JSON.textNode(
                      Base64.getUrlEncoder().withoutPadding().encodeToString(token)))
              .expecting("invalid_quote");
        });
    source.kind(
        "extra.quoteId-reencoded",
        (kind, r) -> {
          Payment p = m.payment(r);
          String id = p.accepted().extra().quoteId();
          byte[] token = Base64.getUrlDecoder().decode(id);
          String bad =
              switch (r.nextInt(6)) {
                case 0 -> id.substring(0, id.length() - 1 - r.nextInt(10));
                case 1 -> id + "A";
                case 2 ->
                    Base64.getUrlEncoder().encodeToString(token)
                        + (id.length() % 4 == 0 ? "==" : "");
                case 3 ->
                    Base64.getEncoder().withoutPadding().encodeToString(token).equals(id)
                        ? id + "+"
                        : Base64.getEncoder().withoutPadding().encodeToString(token);
                case 4 -> id + "AAAA".repeat(1 + r.nextInt(40));
                default -> otherTrailingBits(id);
              };
          return edit(p, kind, "extra.quoteId", Mutate.JSON.textNode(bad))
              .expecting("invalid_quote");
        });
    source.kind(
        "extra.quoteId-empty",
        (kind, r) ->
            edit(m.payment(r), kind, "extra.quoteId", Mutate.JSON.textNode(""))
                .expecting("invalid_payload"));
    source.kind(
        "extra.quoteId-of-another-quote-here",
        (kind, r) -> {
          Payment p = m.payment(r);
          PaymentRequirements other = quote(m, p.path());
          return edit(p, kind, "extra.quoteId", Mutate.JSON.textNode(other.extra().quoteId()))
              .expecting("lock_mismatch");
        });
    source.kind(
        "extra.quoteId-of-another-resource",
        (kind, r) -> {
          Payment p = m.payment(r);
          String elsewhere =
              p.path().equals(PaymentMaterial.PATHS.get(0))
                  ? PaymentMaterial.PATHS.get(2)
                  : PaymentMaterial.PATHS.get(0);
          PaymentRequirements other = m.payment(elsewhere).accepted();
          return edit(p, kind, "extra.quoteId", Mutate.JSON.textNode(other.extra().quoteId()))
              .expecting("resource_mismatch");
        });
    source.kind(
        "expired-quote",
        (kind, r) -> {
          String path = Mutate.pick(r, PaymentMaterial.PATHS);
          Payment p = m.expired(path, Mutate.pick(r, 0L, 1L, 60L, 3_600L, 30L * 86_400L));
          return FuzzCase.of(ACCEPTED, kind, path, p.header()).expecting("quote_expired");
        });
    source.kind(
        "quote-of-another-gateway",
        (kind, r) -> {
          String path = Mutate.pick(r, PaymentMaterial.PATHS);
          byte[] nonce = new byte[32];
          r.nextBytes(nonce);
          PaymentRequirements forged =
              otherGateway.quote(
                  new ResourceInfo(path, "", "application/json"),
                  PaymentMaterial.priceOf(path),
                  HttpPayer.now(),
                  Bytes32.of(nonce));
          Payment p = m.paymentFor(path, forged, m.payer().payer().view());
          return FuzzCase.of(ACCEPTED, kind, path, p.header()).expecting("invalid_quote");
        });
  }

  private static PaymentRequirements quote(PaymentMaterial m, String path) {
    try {
      return m.quote(path);
    } catch (Exception e) {
      throw new IllegalStateException("no quote for " + path, e);
    }
  }

  /** The same bytes, one unused low bit of the last character flipped: not canonical base64url. */
  private static String otherTrailingBits(String id) {
    int unusedBits = (6 * id.length()) % 8;
    if (unusedBits == 0) {
      return id + "A";
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(id.charAt(id.length() - 1));
    return id.substring(0, id.length() - 1) + alphabet.charAt(last ^ 1);
  }
}
