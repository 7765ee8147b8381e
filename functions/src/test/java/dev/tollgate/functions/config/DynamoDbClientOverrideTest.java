package dev.tollgate.functions.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.GatewayHandler;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway's DynamoDB client is the configured one unless a client was registered with the
 * context before it started: then that one serves the gateway, and the configured one is never
 * built.
 */
class DynamoDbClientOverrideTest {
  private static final String KEY =
      "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";

  /**
   * Enough configuration to start the gateway's beans; the chain is never contacted. Other tests of
   * the wiring start from it too.
   */
  static Map<String, Object> gateway(String tablePrefix) {
    Map<String, Object> p = new HashMap<>();
    p.put("tollgate.chain.id", 31337);
    p.put("tollgate.chain.rpc-url", "http://127.0.0.1:9");
    p.put("tollgate.contracts.channel-factory", "0x" + "11".repeat(20));
    p.put("tollgate.contracts.transfer-registry", "0x" + "22".repeat(20));
    p.put("tollgate.contracts.mastercopy", "0x" + "33".repeat(20));
    p.put("tollgate.contracts.hashlock", "0x" + "44".repeat(20));
    p.put("tollgate.contracts.withdraw", "0x" + "55".repeat(20));
    p.put("tollgate.asset", "0x" + "66".repeat(20));
    p.put("tollgate.signer.mode", "local");
    p.put("tollgate.signer.private-key", KEY);
    p.put("tollgate.paywall.secret", "0x" + "77".repeat(32));
    p.put("tollgate.tables.prefix", tablePrefix);
    p.put("tollgate.tables.create", true);
    return p;
  }

  @Test
  void aClientRegisteredBeforeStartServesTheGateway() {
    AmazonDynamoDBLocal embedded = DynamoDBEmbedded.create(true);
    DynamoDbClient client = embedded.dynamoDbClient();
    try (ApplicationContext context =
        GatewayHandler.contextBuilder()
            .properties(gateway("override-"))
            .singletons(client)
            .build()
            .start()) {

      assertThat(context.getBean(DynamoDbClient.class)).isSameAs(client);
      assertThat(context.getBeansOfType(DynamoDbClient.class)).hasSize(1);
      // the store made its tables at startup, in the registered client's DynamoDB
      context.getBean(ChannelStore.class);
      assertThat(client.listTables().tableNames())
          .containsExactlyInAnyOrder(
              "override-channels", "override-updates", "override-transfers", "override-chain");
    } finally {
      embedded.shutdown();
    }
  }

  @Test
  void withoutOneTheConfiguredEndpointIsUsed() throws Exception {
    try (DynamoDbLocal server = DynamoDbLocal.start();
        DynamoDbClient probe = server.client()) {
      Map<String, Object> p = gateway("configured-");
      p.put("tollgate.dynamodb.endpoint", server.endpoint().toString());
      try (ApplicationContext context =
          GatewayHandler.contextBuilder().properties(p).build().start()) {

        context.getBean(ChannelStore.class);
        assertThat(context.getBeansOfType(DynamoDbClient.class)).hasSize(1);
        assertThat(probe.listTables().tableNames())
            .containsExactlyInAnyOrder(
                "configured-channels",
                "configured-updates",
                "configured-transfers",
                "configured-chain");
      }
    }
  }
}
