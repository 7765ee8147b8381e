package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.list;
import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.one;
import static dev.tollgate.infra.TemplateJson.properties;
import static dev.tollgate.infra.TemplateJson.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The KMS key policies: the gateway's keys are used only by the functions' roles, each for what it
 * needs, and administered (never used) by the named administrators or the account. CDK's default
 * policy gave {@code kms:*} to the account root, so any principal in the account with {@code
 * kms:Sign} in its IAM policy could sign as the gateway.
 */
class KeyPolicyTemplateTest {
  static final String ADMIN_ROLE = "arn:aws:iam::123456789012:role/tollgate-key-admin";
  static final String DEPLOY_ROLE =
      "arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1";
  private static final Set<String> USE_ACTIONS =
      Set.of("kms:Sign", "kms:Decrypt", "kms:ReEncryptFrom", "kms:CreateGrant", "kms:*");

  @Test
  void noKeyPolicyLetsTheAccountRootOrAnyoneSignOrDecrypt() {
    for (Template template :
        List.of(
            Deployments.kms().template(),
            Deployments.wrappedFromSsm().template(),
            withAdmins().template())) {
      Map<String, Map<String, Object>> keys = resources(template, "AWS::KMS::Key");
      assertThat(keys).hasSize(2);
      keys.forEach(
          (id, key) -> {
            for (Map<String, Object> statement : statements(key)) {
              List<String> actions = strings(statement.get("Action"));
              assertThat(statement.get("Effect")).isEqualTo("Allow");
              assertThat(actions)
                  .as("%s %s", id, statement.get("Sid"))
                  .noneMatch(a -> a.contains("*"));
              boolean uses = actions.stream().anyMatch(USE_ACTIONS::contains);
              for (String principal : principals(statement)) {
                assertThat(principal).as("%s %s", id, statement.get("Sid")).isNotEqualTo("*");
                if (uses) {
                  assertThat(principal)
                      .as("%s %s grants %s", id, statement.get("Sid"), actions)
                      .doesNotEndWith(":root")
                      .endsWith("Role");
                }
              }
            }
          });
    }
  }

  @Test
  void inTheKmsModeOnlyTheGatewayProcessorAndKeeperSignAndOnlyDigests() {
    Template template = Deployments.kms().template();
    assertThat(grants(template, "KeysSigning"))
        .containsExactlyInAnyOrder(
            "kms:Sign by GatewayRole if {StringEquals={kms:MessageType=DIGEST,"
                + " kms:SigningAlgorithm=ECDSA_SHA_256}}",
            "kms:Sign by ProcessorRole if {StringEquals={kms:MessageType=DIGEST,"
                + " kms:SigningAlgorithm=ECDSA_SHA_256}}",
            "kms:Sign by KeeperRole if {StringEquals={kms:MessageType=DIGEST,"
                + " kms:SigningAlgorithm=ECDSA_SHA_256}}",
            "kms:GetPublicKey by GatewayRole",
            "kms:GetPublicKey by ProcessorRole",
            "kms:GetPublicKey by KeeperRole",
            "kms:GetPublicKey by WatcherRole",
            "kms:GetPublicKey by account root");
    assertThat(grants(template, "KeysWrapping"))
        .as("in the kms mode nobody decrypts with the wrapping key")
        .noneMatch(g -> g.startsWith("kms:Decrypt"));
  }

  @Test
  void inTheWrappedModeEachFunctionDecryptsOnlyASigningKeyCiphertextAndNobodySigns() {
    Template template = Deployments.wrappedFromSsm().template();
    String purpose =
        " if {StringEquals={kms:EncryptionContext:tollgate:purpose=secp256k1-signing-key}}";
    assertThat(grants(template, "KeysWrapping"))
        .containsExactlyInAnyOrder(
            "kms:Decrypt by GatewayRole" + purpose,
            "kms:Decrypt by WatcherRole" + purpose,
            "kms:Decrypt by ProcessorRole" + purpose,
            "kms:Decrypt by KeeperRole" + purpose,
            "kms:Encrypt by account root" + purpose);
    assertThat(grants(template, "KeysSigning")).containsExactly("kms:GetPublicKey by account root");
  }

  @Test
  void withoutNamedAdministratorsTheAccountAdministersTheKeysButCannotUseThem() {
    for (String key : List.of("KeysSigning", "KeysWrapping")) {
      Map<String, Object> admin = statement(Deployments.kms().template(), key, "KeyAdministration");
      assertThat(principals(admin)).containsExactly("account root");
      assertThat(strings(admin.get("Action")))
          .contains("kms:PutKeyPolicy", "kms:DescribeKey", "kms:ScheduleKeyDeletion")
          .doesNotContain("kms:Sign", "kms:Decrypt", "kms:Encrypt", "kms:CreateGrant");
    }
  }

  @Test
  void namedAdministratorsReplaceTheAccountRootEverywhere() {
    Template template = withAdmins().template();
    for (String key : List.of("KeysSigning", "KeysWrapping")) {
      Map<String, Object> admin = statement(template, key, "KeyAdministration");
      assertThat(principals(admin)).containsExactlyInAnyOrder(ADMIN_ROLE, DEPLOY_ROLE);
      for (Map<String, Object> s : statements(one(template, "AWS::KMS::Key", key))) {
        assertThat(principals(s)).noneMatch(p -> p.endsWith(":root") || p.equals("account root"));
      }
    }
    assertThat(grants(template, "KeysSigning"))
        .contains("kms:GetPublicKey by " + ADMIN_ROLE)
        .noneMatch(g -> g.startsWith("kms:Sign by arn:"));
  }

  /** The kms deployment administered by a named role and the role CloudFormation deploys with. */
  static Deployments.Synthesised withAdmins() {
    Map<String, Object> c = Deployments.literalContext();
    c.put("tollgate:keyAdmins", List.of(ADMIN_ROLE, DEPLOY_ROLE));
    return Deployments.synth("key-admins", c);
  }

  /** "action by principal [if condition]" for every statement but the administration one. */
  private static Set<String> grants(Template template, String key) {
    Set<String> grants = new TreeSet<>();
    for (Map<String, Object> s : statements(one(template, "AWS::KMS::Key", key))) {
      if ("KeyAdministration".equals(s.get("Sid"))) {
        continue;
      }
      String condition = s.containsKey("Condition") ? " if " + s.get("Condition") : "";
      for (String action : strings(s.get("Action"))) {
        for (String principal : principals(s)) {
          grants.add(action + " by " + principal + condition);
        }
      }
    }
    return grants;
  }

  private static Map<String, Object> statement(Template template, String key, String sid) {
    return statements(one(template, "AWS::KMS::Key", key)).stream()
        .filter(s -> sid.equals(s.get("Sid")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " has no statement " + sid));
  }

  private static List<Map<String, Object>> statements(Map<String, Object> key) {
    return list(map(properties(key).get("KeyPolicy")).get("Statement")).stream()
        .map(TemplateJson::map)
        .toList();
  }

  private static List<String> strings(Object value) {
    return list(value).stream().map(String::valueOf).toList();
  }

  /**
   * The statement's principals: an ARN as written, a role as its logical id without the hash, the
   * account root as "account root", anyone as "*".
   */
  private static List<String> principals(Map<String, Object> statement) {
    Object principal = statement.get("Principal");
    if ("*".equals(principal)) {
      return List.of("*");
    }
    Map<String, Object> p = map(principal);
    assertThat(p.keySet()).as("only AWS principals").containsExactly("AWS");
    return list(p.get("AWS")).stream().map(KeyPolicyTemplateTest::principal).toList();
  }

  private static String principal(Object value) {
    if (value instanceof String s) {
      return s;
    }
    Map<String, Object> ref = map(value);
    if (ref.containsKey("Fn::GetAtt")) {
      return list(ref.get("Fn::GetAtt")).get(0).toString().replaceAll("[0-9A-F]{8}$", "");
    }
    StringBuilder joined = new StringBuilder();
    for (Object part : list(list(ref.get("Fn::Join")).get(1))) {
      joined.append(part instanceof String s ? s : "{" + map(part).get("Ref") + "}");
    }
    String arn = joined.toString();
    return arn.equals("arn:{AWS::Partition}:iam::{AWS::AccountId}:root") ? "account root" : arn;
  }
}
