package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.list;
import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.one;
import static dev.tollgate.infra.TemplateJson.properties;
import static dev.tollgate.infra.TemplateJson.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.infra.stack.EventQueue;
import dev.tollgate.infra.stack.FunctionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The stateful resources: tables, the event queue and its dead letters, the keys, the secrets. */
class TablesAndQueuesTemplateTest {
  private final Template template = Deployments.kms().template();

  @Test
  void everyTableIsOnDemandRecoverableProtectedAndRetained() {
    Map<String, Map<String, Object>> tables = resources(template, "AWS::DynamoDB::Table");
    assertThat(tables).hasSize(4);
    for (Map<String, Object> table : tables.values()) {
      Map<String, Object> p = properties(table);
      assertThat(p.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
      assertThat(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))
          .isEqualTo(true);
      assertThat(p.get("DeletionProtectionEnabled")).isEqualTo(true);
      assertThat(table.get("DeletionPolicy")).isEqualTo("Retain");
      assertThat(table.get("UpdateReplacePolicy")).isEqualTo("Retain");
    }
    assertThat(tables.values().stream().map(t -> properties(t).get("TableName")))
        .containsExactlyInAnyOrder(
            "tollgate-channels", "tollgate-updates", "tollgate-transfers", "tollgate-chain");
  }

  @Test
  void onlyTheChainTableExpiresRecords() {
    for (Map.Entry<String, Map<String, Object>> e :
        resources(template, "AWS::DynamoDB::Table").entrySet()) {
      Object ttl = properties(e.getValue()).get("TimeToLiveSpecification");
      if (e.getKey().startsWith("TablesChain")) {
        assertThat(map(ttl))
            .containsEntry("AttributeName", "expiresAt")
            .containsEntry("Enabled", true);
      } else {
        assertThat(ttl).as(e.getKey()).isNull();
      }
    }
  }

  @Test
  void theIndexesTheReportsAndTheKeeperQuery() {
    Map<String, Object> transfers =
        properties(one(template, "AWS::DynamoDB::Table", "TablesTransfers"));
    Map<String, Object> index = map(list(transfers.get("GlobalSecondaryIndexes")).get(0));
    assertThat(index.get("IndexName")).isEqualTo("paymentsByDay");
    assertThat(index.get("KeySchema"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "payDay", "KeyType", "HASH"),
                Map.of("AttributeName", "paidAt", "KeyType", "RANGE")));
    assertThat(map(index.get("Projection"))).containsEntry("ProjectionType", "ALL");

    Map<String, Object> chain = properties(one(template, "AWS::DynamoDB::Table", "TablesChain"));
    Map<String, Object> disputes = map(list(chain.get("GlobalSecondaryIndexes")).get(0));
    assertThat(disputes.get("IndexName")).isEqualTo("openDisputes");
    assertThat(disputes.get("KeySchema"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "openDispute", "KeyType", "HASH"),
                Map.of("AttributeName", "pk", "KeyType", "RANGE")));
  }

  @Test
  void theEventQueueIsFifoWithADeadLetterQueue() {
    Map<String, Object> queue = properties(one(template, "AWS::SQS::Queue", "EventsQueue"));
    Map<String, Object> dlq = properties(one(template, "AWS::SQS::Queue", "EventsDeadLetters"));
    assertThat(queue)
        .containsEntry("QueueName", "tollgate-events.fifo")
        .containsEntry("FifoQueue", true)
        .containsEntry("ContentBasedDeduplication", false)
        .containsEntry("MessageRetentionPeriod", 14 * 24 * 3600)
        .containsEntry("SqsManagedSseEnabled", true);
    assertThat(((Number) queue.get("VisibilityTimeout")).intValue())
        .isGreaterThanOrEqualTo(6 * FunctionSpec.PROCESSOR.timeoutSeconds());
    Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
    assertThat(redrive.get("maxReceiveCount")).isEqualTo(EventQueue.MAX_RECEIVE_COUNT);
    assertThat(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt"))
        .isEqualTo(
            List.of(TemplateJson.idOf(template, "AWS::SQS::Queue", "EventsDeadLetters"), "Arn"));
    assertThat(dlq)
        .containsEntry("QueueName", "tollgate-events-dlq.fifo")
        .containsEntry("FifoQueue", true)
        .containsEntry("MessageRetentionPeriod", 14 * 24 * 3600);
  }

  @Test
  void theSigningKeyIsSecp256k1AndBothKeysOutliveTheStack() {
    Map<String, Object> signing = one(template, "AWS::KMS::Key", "KeysSigning");
    assertThat(properties(signing))
        .containsEntry("KeySpec", "ECC_SECG_P256K1")
        .containsEntry("KeyUsage", "SIGN_VERIFY");
    assertThat(signing.get("DeletionPolicy")).isEqualTo("Retain");
    Map<String, Object> wrapping = one(template, "AWS::KMS::Key", "KeysWrapping");
    assertThat(properties(wrapping)).containsEntry("EnableKeyRotation", true);
    assertThat(properties(wrapping).getOrDefault("KeySpec", "SYMMETRIC_DEFAULT"))
        .isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(wrapping.get("DeletionPolicy")).isEqualTo("Retain");
  }

  @Test
  void secretsAreGeneratedNotGiven() {
    Map<String, Object> paywall =
        properties(one(template, "AWS::SecretsManager::Secret", "SecretsPaywallSecret"));
    Map<String, Object> generated = map(paywall.get("GenerateSecretString"));
    assertThat(generated.get("PasswordLength")).isEqualTo(64);
    assertThat((String) generated.get("ExcludeCharacters")).contains("ghijklmnopqrstuvwxyz");
    assertThat(paywall).doesNotContainKey("SecretString");
    assertThat(resources(template, "AWS::SecretsManager::Secret"))
        .as("paywall secret, operator token, two publishers' tokens")
        .hasSize(4)
        .allSatisfy(
            (id, secret) -> assertThat(properties(secret)).doesNotContainKey("SecretString"));
    assertThat(resources(Deployments.wrappedFromSsm().template(), "AWS::SecretsManager::Secret"))
        .as("no operator routes, no operator token")
        .hasSize(3);
  }
}
