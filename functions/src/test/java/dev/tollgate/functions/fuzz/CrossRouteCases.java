package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.CROSS_ROUTE;

import dev.tollgate.functions.harness.GatewayStack;
import java.util.Locale;

/**
 * A genuine, unsent payment for one resource sent to another: the same route with another slug, the
 * other route, a path no route prices, a path no controller serves at all (refused by the server's
 * router, before any gateway code). Paths that a server might normalise to the quoted one (a
 * trailing slash, another case) get the stranger-signed twin, so even if they name the same
 * resource nothing is paid.
 */
final class CrossRouteCases extends CaseSource {
  CrossRouteCases(PaymentMaterial m) {
    super(CROSS_ROUTE);
    kind(
        "same-route-other-resource",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(CROSS_ROUTE, kind, p.path() + "-b" + r.nextInt(100), p.header())
              .expecting("resource_mismatch");
        });
    kind(
        "other-route",
        (kind, r) -> {
          Payment p = m.payment(r);
          String other =
              p.path().startsWith(FuzzGateway.API)
                  ? GatewayStack.ARTICLES + "fuzz-0"
                  : FuzzGateway.API + "fuzz-" + r.nextInt(3);
          return FuzzCase.of(CROSS_ROUTE, kind, other, p.header()).expecting("resource_mismatch");
        });
    kind(
        "no-route",
        (kind, r) -> {
          Payment p = m.payment(r);
          String other =
              Mutate.pick(
                  r, "/paid/unpriced/x", "/paid/articlesx/fuzz-0", "/paid/" + r.nextInt(100));
          return FuzzCase.of(CROSS_ROUTE, kind, other, p.header()).expecting("no_such_resource");
        });
    kind(
        "deeper-path",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(CROSS_ROUTE, kind, p.path() + "/more", p.header())
              .expecting("resource_mismatch");
        });
    kind(
        "trailing-slash",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(CROSS_ROUTE, kind, p.path() + "/", p.strangerHeader());
        });
    kind(
        "resource-in-another-case",
        (kind, r) -> {
          Payment p = m.payment(r);
          int slug = p.path().lastIndexOf('/') + 1;
          String upper =
              p.path().substring(0, slug) + p.path().substring(slug).toUpperCase(Locale.ROOT);
          return FuzzCase.of(CROSS_ROUTE, kind, upper, p.strangerHeader());
        });
    kind(
        "a-path-no-controller-routes",
        (kind, r) -> {
          // Refused by the server's router before any gateway code: named by its status only.
          Payment p = m.payment(r);
          String nowhere =
              Mutate.pick(
                  r,
                  p.path().toUpperCase(Locale.ROOT),
                  "/paidx/articles/fuzz-0",
                  "/x402/articles/fuzz-0");
          return FuzzCase.of(CROSS_ROUTE, kind, nowhere, p.header());
        });
  }
}
