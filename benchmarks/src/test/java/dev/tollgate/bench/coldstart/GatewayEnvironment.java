package dev.tollgate.bench.coldstart;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's configuration as a Lambda function receives it: environment variables in
 * Micronaut's naming ({@code tollgate.contracts.channel-factory} is {@code
 * TOLLGATE_CONTRACTS_CHANNEL_FACTORY}), as the CDK app sets them.
 */
final class GatewayEnvironment {
  private GatewayEnvironment() {}

  /**
   * {@code properties} (a gateway stack's) as environment variables. Tables are not created: a
   * deployed function finds them made by the stack, and so does this one (the in-process handler of
   * the same stack created them).
   */
  static Map<String, String> of(Map<String, Object> properties) {
    Map<String, String> env = new TreeMap<>();
    properties.forEach((name, value) -> env.put(variable(name), String.valueOf(value)));
    env.put(variable("tollgate.tables.create"), "false");
    return env;
  }

  /** {@code a.b-c} → {@code A_B_C}. */
  static String variable(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
