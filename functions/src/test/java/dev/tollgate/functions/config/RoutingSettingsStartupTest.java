package dev.tollgate.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.tollgate.functions.GatewayHandler;
import dev.tollgate.functions.routing.GatewayRole;
import dev.tollgate.functions.routing.RoutingSettings;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code tollgate.routing.*} is checked when the gateway's context starts: a wrong combination
 * stops the start and names the setting, before any request is served.
 */
class RoutingSettingsStartupTest {
  private AmazonDynamoDBLocal embedded;
  private DynamoDbClient client;

  @BeforeEach
  void startDynamoDb() {
    embedded = DynamoDBEmbedded.create(true);
    client = embedded.dynamoDbClient();
  }

  @AfterEach
  void stopDynamoDb() {
    embedded.shutdown();
  }

  @Test
  void aGatewayIsStandaloneUnlessToldOtherwiseAndAHubStartsWithItsFee() {
    try (ApplicationContext context = start("routing-default-", Map.of())) {
      assertThat(context.getBean(RoutingSettings.class).role()).isEqualTo(GatewayRole.STANDALONE);
    }
    Map<String, Object> hub =
        Map.of(
            "tollgate.routing.role", "hub",
            "tollgate.routing.fee-flat", "10",
            "tollgate.routing.fee-ppm", "2500");
    try (ApplicationContext context = start("routing-hub-", hub)) {
      RoutingSettings settings = context.getBean(RoutingSettings.class);
      assertThat(settings.role()).isEqualTo(GatewayRole.HUB);
      assertThat(settings.legs().forwardSeconds()).isEqualTo(86_400 - 21_600);
    }
  }

  @Test
  void wrongCombinationsStopTheStartNamingTheSetting() {
    assertRefused(
        Map.of("tollgate.routing.role", "router"), "tollgate.routing.role must be one of");
    assertRefused(
        Map.of("tollgate.routing.role", "publisher"),
        "tollgate.routing.role publisher needs tollgate.routing.hub-url");
    assertRefused(
        Map.of("tollgate.routing.hub-url", "https://hub.example"),
        "read only with tollgate.routing.role publisher");
    assertRefused(
        Map.of("tollgate.routing.role", "hub", "tollgate.routing.leg-margin-seconds", "60"),
        "tollgate.routing.leg-margin-seconds must be at least 600");
    assertRefused(
        Map.of("tollgate.routing.role", "hub", "tollgate.routing.leg-margin-seconds", "50000"),
        "is below the channels' minimum transfer timeout");
    assertRefused(
        Map.of("tollgate.routing.fee-ppm", "5"),
        "tollgate.routing.fee-flat and fee-ppm are a hub's");
  }

  private ApplicationContext start(String prefix, Map<String, Object> routing) {
    Map<String, Object> properties = DynamoDbClientOverrideTest.gateway(prefix);
    properties.putAll(routing);
    return GatewayHandler.contextBuilder().properties(properties).singletons(client).start();
  }

  private void assertRefused(Map<String, Object> routing, String message) {
    assertThatThrownBy(
            () -> start("routing-bad-" + Math.abs(routing.hashCode()) + "-", routing).close())
        .as(routing.toString())
        .hasStackTraceContaining(message);
  }
}
