package dev.tollgate.functions.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.tollgate.functions.GatewayHandler;
import dev.tollgate.functions.gateway.ChannelReadAccess;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code tollgate.channels.read-skew-seconds} is checked when the gateway starts. */
class ReadSkewSettingTest {
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
  void aSkewInRangeStarts() {
    Map<String, Object> properties = DynamoDbClientOverrideTest.gateway("skew-ok-");
    properties.put("tollgate.channels.read-skew-seconds", 3600);
    try (ApplicationContext context =
        GatewayHandler.contextBuilder().properties(properties).singletons(client).start()) {
      context.getBean(ChannelReadAccess.class);
    }
  }

  @Test
  void aSkewOutOfRangeStopsTheStartNamingTheSetting() {
    for (long skew : new long[] {0, 3601}) {
      Map<String, Object> properties = DynamoDbClientOverrideTest.gateway("skew-" + skew + "-");
      properties.put("tollgate.channels.read-skew-seconds", skew);

      assertThatThrownBy(
              () ->
                  GatewayHandler.contextBuilder()
                      .properties(properties)
                      .singletons(client)
                      .start()
                      .close())
          .hasStackTraceContaining("tollgate.channels.read-skew-seconds")
          .hasStackTraceContaining("between 1 and 3600 seconds, got " + skew);
    }
  }
}
