package dev.tollgate.functions.config;

import dev.tollgate.functions.routing.RoutingSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import java.util.Optional;

/**
 * The deployment's role in a routed network ({@code tollgate.routing.*}), built when the context
 * starts so that a wrong combination stops every function at once, naming the setting, instead of
 * surfacing on the first routed payment.
 */
@Factory
public class RoutingFactory {
  @Context
  RoutingSettings routingSettings(
      @Value("${tollgate.routing.role:standalone}") String role,
      @Property(name = "tollgate.routing.hub-url") Optional<String> hubUrl,
      @Property(name = "tollgate.routing.hub-address") Optional<String> hubAddress,
      @Value("${tollgate.routing.fee-flat:0}") String feeFlat,
      @Value("${tollgate.routing.fee-ppm:0}") long feePpm,
      @Value("${tollgate.paywall.transfer-timeout-seconds:86400}") long transferTimeout,
      @Value("${tollgate.routing.leg-margin-seconds:21600}") long legMargin) {
    return RoutingSettings.of(
        role, hubUrl, hubAddress, feeFlat, feePpm, transferTimeout, legMargin);
  }
}
