package dev.tollgate.functions.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RefusalCataloguesTest {

  @Test
  void everyReasonHasAnX402StatusAndASnakeCaseErrorReason() {
    for (PaywallReason r : PaywallReason.values()) {
      // 402 for what a new payment can fix, 400/431 for bytes the payer must change, 409 for a
      // payment the channel already holds, 403 for a resend proof signed by someone else.
      assertThat(r.httpStatus()).as("%s", r).isIn(400, 402, 403, 409, 431);
      assertThat(r.errorReason()).as("%s", r).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    }
    assertThat(PaywallReason.HEADER_TOO_LARGE.httpStatus()).isEqualTo(431);
    assertThat(PaywallReason.MALFORMED_PAYMENT_HEADER.httpStatus()).isEqualTo(400);
    assertThat(PaywallReason.INVALID_QUOTE.httpStatus()).isEqualTo(402);
    assertThat(PaywallReason.PAYMENT_ALREADY_USED.httpStatus()).isEqualTo(409);
    assertThat(PaywallReason.RESEND_NOT_BY_PAYER.httpStatus()).isEqualTo(403);
  }

  @Test
  void errorReasonsAreUniqueAcrossAllFourCatalogues() {
    Set<String> paywall =
        Arrays.stream(PaywallReason.values())
            .map(PaywallReason::errorReason)
            .collect(Collectors.toSet());
    Set<String> protocol =
        Arrays.stream(FailureReason.values())
            .map(FailureReason::errorReason)
            .collect(Collectors.toSet());

    Set<String> gateway =
        Arrays.stream(GatewayReason.values())
            .map(GatewayReason::errorReason)
            .collect(Collectors.toSet());

    assertThat(paywall)
        .hasSize(PaywallReason.values().length)
        .doesNotContainAnyElementsOf(protocol)
        .doesNotContainAnyElementsOf(gateway);
    assertThat(gateway)
        .hasSize(GatewayReason.values().length)
        .doesNotContainAnyElementsOf(protocol);
    Set<String> routing =
        Arrays.stream(dev.tollgate.functions.routing.RoutingReason.values())
            .map(dev.tollgate.functions.routing.RoutingReason::errorReason)
            .collect(Collectors.toSet());
    assertThat(routing)
        .hasSize(dev.tollgate.functions.routing.RoutingReason.values().length)
        .doesNotContainAnyElementsOf(protocol)
        .doesNotContainAnyElementsOf(gateway)
        .doesNotContainAnyElementsOf(paywall);
  }

  @Test
  void aProtocolRejectionBecomesARefusalWithItsStatusAndReason() {
    Refusal r = Refusal.of(Rejection.of(FailureReason.STALE_NONCE, "nonce 3 is behind 5"));

    assertThat(r.httpStatus()).isEqualTo(409);
    assertThat(r.errorReason()).isEqualTo("stale_nonce");
    assertThat(r.detail()).isEqualTo("nonce 3 is behind 5");
    assertThat(r.is(FailureReason.STALE_NONCE)).isTrue();
    assertThat(r.is(PaywallReason.INVALID_QUOTE)).isFalse();
  }

  @Test
  void checkedCarriesChannelCoreOutcomesOver() {
    Checked<String> failed =
        Checked.from(Outcome.fail(FailureReason.BAD_SIGNATURE, "bob did not sign nonce 4"));
    Checked<String> ok = Checked.from(Outcome.ok("fine"));

    assertThat(failed.refusal().is(FailureReason.BAD_SIGNATURE)).isTrue();
    assertThat(failed.refusal().httpStatus()).isEqualTo(402);
    assertThat(ok.value()).isEqualTo("fine");
    assertThat(ok.map(String::length).value()).isEqualTo(4);
    assertThat(failed.map(String::length).refusal()).isEqualTo(failed.refusal());
  }

  @Test
  void aLongDetailIsCapped() {
    Refusal r = Refusal.of(PaywallReason.INVALID_AMOUNT, "x".repeat(100_000));
    Refusal p = Refusal.of(Rejection.of(FailureReason.MALFORMED_UPDATE, "y".repeat(100_000)));

    assertThat(r.detail()).hasSize(Refusal.MAX_DETAIL_CHARS).endsWith("...");
    assertThat(p.detail()).hasSize(Refusal.MAX_DETAIL_CHARS).endsWith("...");
  }
}
