package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.DUPLICATE_HEADERS;

import java.util.List;

/**
 * More than one {@code PAYMENT-SIGNATURE} in a request, genuine payments among them. The header is
 * not a list (RFC 9110 §5.3), so a server that picked one of several would be guessing: whichever
 * combination, the request must be refused.
 */
final class DuplicateHeaderCases extends CaseSource {
  DuplicateHeaderCases(PaymentMaterial m) {
    super(DUPLICATE_HEADERS);
    kind(
        "genuine-then-garbage",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.several(
              DUPLICATE_HEADERS, kind, p.path(), List.of(p.header(), Mutate.base64Chars(r, 40)));
        });
    kind(
        "garbage-then-genuine",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.several(
              DUPLICATE_HEADERS, kind, p.path(), List.of(Mutate.printable(r, 40), p.header()));
        });
    kind(
        "genuine-twice",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.several(
              DUPLICATE_HEADERS, kind, p.path(), List.of(p.header(), p.header()));
        });
    kind(
        "stranger-then-genuine",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.several(
              DUPLICATE_HEADERS, kind, p.path(), List.of(p.strangerHeader(), p.header()));
        });
    kind(
        "genuine-then-empty",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.several(DUPLICATE_HEADERS, kind, p.path(), List.of(p.header(), ""));
        });
    kind(
        "three-genuine",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.several(
              DUPLICATE_HEADERS, kind, p.path(), List.of(p.header(), p.header(), p.header()));
        });
  }
}
