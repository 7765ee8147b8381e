package dev.tollgate.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.functions.GatewayHandler;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway's DynamoDB client is bounded by default, so a throttled or stalled call ends well
 * inside the gateway function's 15 s; {@code tollgate.dynamodb.*-timeout} change the bounds, and
 * bounds that contradict each other stop the start naming the setting. (The KMS client's are
 * checked where a KMS signer runs: the fault tests.) DynamoDB is never contacted here.
 */
class AwsTimeoutsSettingTest {

  private static Map<String, Object> gateway(String prefix) {
    Map<String, Object> p = DynamoDbClientOverrideTest.gateway(prefix);
    p.put("tollgate.tables.create", false);
    p.put("tollgate.dynamodb.endpoint", "http://127.0.0.1:9");
    return p;
  }

  private static ClientOverrideConfiguration dynamoOverride(ApplicationContext context) {
    return context
        .getBean(DynamoDbClient.class)
        .serviceClientConfiguration()
        .overrideConfiguration();
  }

  @Test
  void byDefaultAnAttemptMayTakeTwoSecondsAndACallFour() {
    try (ApplicationContext context =
        GatewayHandler.contextBuilder().properties(gateway("defaults-")).start()) {
      ClientOverrideConfiguration override = dynamoOverride(context);

      assertThat(override.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
      assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(4));
    }
  }

  @Test
  void theSettingsChangeTheBounds() {
    Map<String, Object> p = gateway("set-");
    p.put("tollgate.dynamodb.attempt-timeout", "750ms");
    p.put("tollgate.dynamodb.call-timeout", "3s");
    try (ApplicationContext context = GatewayHandler.contextBuilder().properties(p).start()) {
      ClientOverrideConfiguration override = dynamoOverride(context);

      assertThat(override.apiCallAttemptTimeout()).contains(Duration.ofMillis(750));
      assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(3));
    }
  }

  @Test
  void aCallTimeoutShorterThanTheAttemptTimeoutStopsTheStartNamingTheSetting() {
    Map<String, Object> p = gateway("contradicting-");
    p.put("tollgate.dynamodb.attempt-timeout", "5s");
    p.put("tollgate.dynamodb.call-timeout", "1s");

    assertThatThrownBy(() -> GatewayHandler.contextBuilder().properties(p).start().close())
        .hasStackTraceContaining(
            "tollgate.dynamodb: the call timeout (PT1S) must not be shorter than the attempt"
                + " timeout PT5S");
  }
}
