package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.idOf;
import static dev.tollgate.infra.TemplateJson.list;
import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.properties;
import static dev.tollgate.infra.TemplateJson.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Each function's role holds only what that function uses: the actions written out per table, key,
 * secret and queue, never a wildcard action or a '*' resource, and no managed policy.
 */
class IamTemplateTest {
  /** "action on resource" for every statement of the function's role policy. */
  static Set<String> grants(Template template, String function) {
    Map<String, Object> policy =
        properties(TemplateJson.one(template, "AWS::IAM::Policy", function + "RoleDefaultPolicy"));
    Set<String> grants = new TreeSet<>();
    for (Object s : list(map(policy.get("PolicyDocument")).get("Statement"))) {
      Map<String, Object> statement = map(s);
      assertThat(statement.get("Effect")).isEqualTo("Allow");
      for (Object action : list(statement.get("Action"))) {
        for (Object resource : list(statement.get("Resource"))) {
          grants.add(action + " on " + name(template, resource) + condition(statement));
        }
      }
    }
    return grants;
  }

  /** A resource reference as the logical id it points to, plus any suffix (an index). */
  private static String name(Template template, Object resource) {
    if (resource instanceof String s) {
      return s;
    }
    Map<String, Object> ref = map(resource);
    if (ref.containsKey("Ref")) {
      return shortId(ref.get("Ref").toString());
    }
    if (ref.containsKey("Fn::GetAtt")) {
      return shortId(list(ref.get("Fn::GetAtt")).get(0).toString());
    }
    List<Object> join = list(list(ref.get("Fn::Join")).get(1));
    StringBuilder b = new StringBuilder();
    for (Object part : join) {
      b.append(part instanceof String s ? s : name(template, part));
    }
    return b.toString();
  }

  /** Logical ids end in an 8-hex hash; the tests name resources without it. */
  private static String shortId(String logicalId) {
    return logicalId.replaceAll("[0-9A-F]{8}$", "");
  }

  private static String condition(Map<String, Object> statement) {
    return statement.containsKey("Condition") ? " if " + statement.get("Condition") : "";
  }

  @Test
  void noRolePolicyHasAWildcardActionOrResource() {
    for (Template template :
        List.of(Deployments.kms().template(), Deployments.wrappedFromSsm().template())) {
      for (Map.Entry<String, Map<String, Object>> e :
          resources(template, "AWS::IAM::Policy").entrySet()) {
        for (Object s :
            list(map(properties(e.getValue()).get("PolicyDocument")).get("Statement"))) {
          Map<String, Object> statement = map(s);
          for (Object action : list(statement.get("Action"))) {
            assertThat(action.toString()).as(e.getKey()).doesNotContain("*");
          }
          for (Object resource : list(statement.get("Resource"))) {
            assertThat(resource).as(e.getKey()).isNotEqualTo("*");
            if (resource instanceof String text) {
              assertThat(text).as(e.getKey()).doesNotContain("*");
            }
          }
        }
      }
      for (Map<String, Object> role : resources(template, "AWS::IAM::Role").values()) {
        assertThat(properties(role)).doesNotContainKey("ManagedPolicyArns");
      }
    }
  }

  @Test
  void theGatewayReadsAndWritesChannelsSignsAndReadsItsSecrets() {
    assertThat(grants(Deployments.kms().template(), "Gateway"))
        .containsExactlyInAnyOrder(
            "logs:CreateLogStream on GatewayLogs",
            "logs:PutLogEvents on GatewayLogs",
            "dynamodb:GetItem on TablesChannels",
            "dynamodb:PutItem on TablesChannels",
            "dynamodb:UpdateItem on TablesChannels",
            "dynamodb:Scan on TablesChannels",
            "dynamodb:PutItem on TablesUpdates",
            "dynamodb:Query on TablesUpdates",
            "dynamodb:GetItem on TablesTransfers",
            "dynamodb:PutItem on TablesTransfers",
            "dynamodb:UpdateItem on TablesTransfers",
            "dynamodb:Query on TablesTransfers/index/paymentsByDay",
            "dynamodb:GetItem on TablesChain",
            "dynamodb:PutItem on TablesChain",
            "dynamodb:UpdateItem on TablesChain",
            "dynamodb:Query on TablesChain",
            "dynamodb:Query on TablesChain/index/openDisputes",
            "kms:GetPublicKey on KeysSigning",
            "kms:Sign on KeysSigning",
            "secretsmanager:GetSecretValue on SecretsPaywallSecret",
            "secretsmanager:DescribeSecret on SecretsPaywallSecret",
            "secretsmanager:GetSecretValue on SecretsOperatorToken",
            "secretsmanager:DescribeSecret on SecretsOperatorToken",
            "secretsmanager:GetSecretValue on SecretsPublisherNewsToken",
            "secretsmanager:DescribeSecret on SecretsPublisherNewsToken",
            "secretsmanager:GetSecretValue on SecretsPublisherBlogToken",
            "secretsmanager:DescribeSecret on SecretsPublisherBlogToken");
  }

  @Test
  void theWatcherNeverSignsAndOnlySendsToTheQueue() {
    assertThat(grants(Deployments.kms().template(), "Watcher"))
        .containsExactlyInAnyOrder(
            "logs:CreateLogStream on WatcherLogs",
            "logs:PutLogEvents on WatcherLogs",
            "dynamodb:Scan on TablesChannels",
            "dynamodb:GetItem on TablesChain",
            "dynamodb:PutItem on TablesChain",
            "dynamodb:Query on TablesChain",
            "kms:GetPublicKey on KeysSigning",
            "sqs:SendMessage on EventsQueue");
  }

  @Test
  void theProcessorConsumesTheQueueAndSigns() {
    Set<String> grants = grants(Deployments.kms().template(), "Processor");
    assertThat(grants)
        .contains(
            "sqs:ReceiveMessage on EventsQueue",
            "sqs:DeleteMessage on EventsQueue",
            "sqs:ChangeMessageVisibility on EventsQueue",
            "kms:Sign on KeysSigning",
            "dynamodb:UpdateItem on TablesChannels",
            "dynamodb:PutItem on TablesChain",
            "dynamodb:Query on TablesChain/index/openDisputes")
        .doesNotContain("dynamodb:Scan on TablesChannels")
        .noneMatch(g -> g.startsWith("secretsmanager:") || g.startsWith("sqs:SendMessage"));
  }

  @Test
  void theKeeperAddsTheIdleChannelScanToTheProcessorsTableAccess() {
    Template template = Deployments.kms().template();
    Set<String> keeper = new TreeSet<>(grants(template, "Keeper"));
    keeper.removeIf(g -> g.startsWith("logs:"));
    Set<String> processor = new TreeSet<>(grants(template, "Processor"));
    processor.removeIf(g -> g.startsWith("logs:") || g.startsWith("sqs:"));
    List<String> added = new ArrayList<>(keeper);
    added.removeAll(processor);
    assertThat(added).containsExactly("dynamodb:Scan on TablesChannels");
    assertThat(processor).isSubsetOf(keeper);
  }

  @Test
  void inTheWrappedModeEachFunctionDecryptsOnlyASigningKeyCiphertext() {
    Template template = Deployments.wrappedFromSsm().template();
    for (String f : List.of("Gateway", "Watcher", "Processor", "Keeper")) {
      Set<String> grants = grants(template, f);
      assertThat(grants.stream().filter(g -> g.startsWith("kms:")))
          .as(f)
          .containsExactly(
              "kms:Decrypt on KeysWrapping if {StringEquals={kms:EncryptionContext:tollgate:purpose=secp256k1-signing-key}}");
    }
    assertThat(grants(template, "Gateway"))
        .noneMatch(g -> g.contains("OperatorToken"))
        .contains("secretsmanager:GetSecretValue on SecretsPaywallSecret");
    assertThat(idOf(template, "AWS::KMS::Key", "KeysSigning")).isNotEmpty();
  }
}
