package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.REPLAY;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.functions.harness.GatewayStack;

/**
 * Headers of payments the gateway settled before the run, sent again where they do not belong:
 * another resource, the other route, no route, or with a fresh quote for their own resource. Sent
 * again to their own resource unchanged, a header is answered with its recorded receipt (the
 * gateway's idempotency, a 200 that charges nothing): that is not a bad payment, so not sent here.
 */
final class ReplayCases extends CaseSource {
  ReplayCases(PaymentMaterial m) {
    super(REPLAY);
    kind(
        "on-another-resource",
        (kind, r) -> {
          PaymentMaterial.Settled old = Mutate.pick(r, m.settled());
          String elsewhere = old.path() + "-elsewhere-" + r.nextInt(1000);
          return FuzzCase.of(REPLAY, kind, elsewhere, old.header())
              .expecting("resource_mismatch", "quote_expired");
        });
    kind(
        "on-the-other-route",
        (kind, r) -> {
          PaymentMaterial.Settled old = Mutate.pick(r, m.settled());
          String other =
              old.path().startsWith(FuzzGateway.API)
                  ? GatewayStack.ARTICLES + "replayed"
                  : FuzzGateway.API + "replayed";
          return FuzzCase.of(REPLAY, kind, other, old.header())
              .expecting("resource_mismatch", "quote_expired");
        });
    kind(
        "on-no-route",
        (kind, r) -> {
          PaymentMaterial.Settled old = Mutate.pick(r, m.settled());
          return FuzzCase.of(REPLAY, kind, "/paid/unpriced/" + r.nextInt(1000), old.header())
              .expecting("no_such_resource");
        });
    kind(
        "with-a-fresh-quote-for-its-resource",
        (kind, r) -> {
          PaymentMaterial.Settled old = Mutate.pick(r, m.settled());
          ObjectNode json = Headers.json(old.header());
          try {
            json.set("accepted", m.quote(old.path()).toJson());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return FuzzCase.of(REPLAY, kind, old.path(), Payment.base64(json))
              .expecting("lock_mismatch");
        });
    kind(
        "its-create-paying-a-new-quote-elsewhere",
        (kind, r) -> {
          PaymentMaterial.Settled old = Mutate.pick(r, m.settled());
          Payment fresh = m.payment(r);
          ObjectNode json = fresh.json();
          json.set("payload", Headers.json(old.header()).get("payload"));
          return FuzzCase.of(REPLAY, kind, fresh.path(), Payment.base64(json))
              .expecting("lock_mismatch", "price_below_quote");
        });
  }
}
