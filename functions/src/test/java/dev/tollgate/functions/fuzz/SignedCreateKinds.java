package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.CREATE;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;

/**
 * Creates the payer does sign, wrong all the same: at a stale or a skipped nonce, over its balance,
 * below the price, locked to another hash.
 */
final class SignedCreateKinds {
  private SignedCreateKinds() {}

  static void register(CaseSource source, PaymentMaterial m) {
    source.kind(
        "signed-at-a-stale-nonce",
        (kind, r) -> {
          Payment p = m.payment(r);
          long back = 1 + r.nextInt((int) m.payerNonce() - 1);
          Payment signed =
              m.paymentFor(p.path(), p.accepted(), m.viewAtNonce(m.payerNonce() - back));
          return FuzzCase.of(CREATE, kind, p.path(), signed.header()).expecting("stale_nonce");
        });
    source.kind(
        "signed-skipping-a-nonce",
        (kind, r) -> {
          Payment p = m.payment(r);
          Payment signed =
              m.paymentFor(
                  p.path(), p.accepted(), m.viewAtNonce(m.payerNonce() + 1 + r.nextInt(5)));
          return FuzzCase.of(CREATE, kind, p.path(), signed.header()).expecting("skipped_nonce");
        });
    source.kind(
        "signed-over-the-balance",
        (kind, r) -> {
          Payment p = m.payment(r);
          Uint256 tooMuch =
              Uint256.of(m.payerBalance().value().add(BigInteger.valueOf(1 + r.nextInt(1000))));
          Payment signed =
              m.paymentFor(
                  p.path(),
                  p.accepted(),
                  m.viewWithPayerBalance(tooMuch),
                  tooMuch,
                  p.accepted().extra().lockHash(),
                  m.payerSigner());
          return FuzzCase.of(CREATE, kind, p.path(), signed.header())
              .expecting("insufficient_balance");
        });
    source.kind(
        "signed-below-the-price",
        (kind, r) -> {
          Payment p = m.payment(r);
          Uint256 less =
              Uint256.of(
                  p.accepted().amount().value().subtract(BigInteger.valueOf(1 + r.nextInt(999))));
          Payment signed =
              m.paymentFor(
                  p.path(),
                  p.accepted(),
                  m.payer().payer().view(),
                  less,
                  p.accepted().extra().lockHash(),
                  m.payerSigner());
          return FuzzCase.of(CREATE, kind, p.path(), signed.header())
              .expecting("price_below_quote");
        });
    source.kind(
        "signed-with-another-lock",
        (kind, r) -> {
          Payment p = m.payment(r);
          byte[] lock = new byte[32];
          r.nextBytes(lock);
          Payment signed =
              m.paymentFor(
                  p.path(),
                  p.accepted(),
                  m.payer().payer().view(),
                  p.accepted().amount(),
                  Bytes32.of(lock),
                  m.payerSigner());
          return FuzzCase.of(CREATE, kind, p.path(), signed.header()).expecting("lock_mismatch");
        });
  }
}
