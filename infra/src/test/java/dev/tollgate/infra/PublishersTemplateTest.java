package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.idOf;
import static dev.tollgate.infra.TemplateJson.list;
import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.one;
import static dev.tollgate.infra.TemplateJson.properties;
import static dev.tollgate.infra.TemplateJson.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.infra.config.DeploymentConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Each publisher of {@code tollgate:publishers} gets a generated bearer token in its own secret,
 * readable by the gateway's role alone and named in its {@code TOLLGATE_SECRET_ARNS} under the
 * property the gateway reads; its resource prefixes are plain configuration; an output names the
 * secret so the operator can hand the token over.
 */
class PublishersTemplateTest {
  private static final Template TEMPLATE = Deployments.kms().template();

  @Test
  void eachPublisherHasAGeneratedTokenOfLettersAndDigits() {
    for (String publisher : List.of("News", "Blog")) {
      Map<String, Object> secret =
          properties(one(TEMPLATE, "AWS::SecretsManager::Secret", "SecretsPublisher" + publisher));
      assertThat(map(secret.get("GenerateSecretString")))
          .as(publisher)
          .containsEntry("PasswordLength", 48)
          .containsEntry("ExcludePunctuation", true)
          .containsEntry("IncludeSpace", false);
      assertThat(String.valueOf(secret.get("Description")))
          .contains("publisher " + publisher.toLowerCase(java.util.Locale.ROOT), "/quote");
    }
    assertThat(resources(TEMPLATE, "AWS::SecretsManager::Secret"))
        .as("paywall secret, operator token, two publisher tokens")
        .hasSize(4);
  }

  @Test
  void onlyTheGatewaysRoleReadsAPublishersToken() {
    for (Template template :
        List.of(Deployments.kms().template(), Deployments.wrappedFromSsm().template())) {
      for (String f : List.of("Watcher", "Processor", "Keeper")) {
        assertThat(IamTemplateTest.grants(template, f))
            .as(f)
            .noneMatch(g -> g.contains("Publisher"));
      }
      assertThat(IamTemplateTest.grants(template, "Gateway"))
          .filteredOn(g -> g.contains("Publisher"))
          .containsExactlyInAnyOrder(
              "secretsmanager:GetSecretValue on SecretsPublisherNewsToken",
              "secretsmanager:DescribeSecret on SecretsPublisherNewsToken",
              "secretsmanager:GetSecretValue on SecretsPublisherBlogToken",
              "secretsmanager:DescribeSecret on SecretsPublisherBlogToken");
      // No resource policy widens who may read a token beyond the roles' own policies.
      assertThat(resources(template, "AWS::SecretsManager::ResourcePolicy")).isEmpty();
      for (Map.Entry<String, Map<String, Object>> policy :
          resources(template, "AWS::IAM::Policy").entrySet()) {
        if (!policy.getKey().startsWith("GatewayRoleDefaultPolicy")) {
          assertThat(String.valueOf(properties(policy.getValue())))
              .as(policy.getKey())
              .doesNotContain("SecretsPublisher");
        }
      }
    }
  }

  @Test
  void theGatewayReadsEachTokenAsItsPublishersProperty() {
    List<Object> arns =
        list(
            list(map(EnvironmentTemplateTest.environment(TEMPLATE, "Gateway")
                        .get("TOLLGATE_SECRET_ARNS"))
                    .get("Fn::Join"))
                .get(1));
    String news = idOf(TEMPLATE, "AWS::SecretsManager::Secret", "SecretsPublisherNewsToken");
    String blog = idOf(TEMPLATE, "AWS::SecretsManager::Secret", "SecretsPublisherBlogToken");
    // A reference follows the literal text that names its property.
    assertThat(textBefore(arns, news)).endsWith(",tollgate.publishers.news.token=");
    assertThat(textBefore(arns, blog)).endsWith(",tollgate.publishers.blog.token=");
    for (String f : List.of("Watcher", "Processor", "Keeper")) {
      assertThat(EnvironmentTemplateTest.environment(TEMPLATE, f).keySet())
          .as(f)
          .noneMatch(k -> k.startsWith("TOLLGATE_PUBLISHERS_"));
    }
  }

  /** The literal part of a {@code Fn::Join} list just before the {@code Ref} to {@code id}. */
  private static String textBefore(List<Object> parts, String id) {
    for (int i = 1; i < parts.size(); i++) {
      if (parts.get(i).equals(Map.of("Ref", id))) {
        return String.valueOf(parts.get(i - 1));
      }
    }
    throw new AssertionError("no Ref to " + id + " in " + parts);
  }

  @Test
  void thePrefixesArePlainConfigurationOfTheGatewayAlone() {
    assertThat(EnvironmentTemplateTest.environment(TEMPLATE, "Gateway"))
        .containsEntry(
            "TOLLGATE_PUBLISHERS_NEWS_RESOURCES",
            Deployments.NEWS_ARTICLES + "," + Deployments.NEWS_VIDEO)
        .containsEntry("TOLLGATE_PUBLISHERS_BLOG_RESOURCES", Deployments.BLOG)
        .doesNotContainKeys("TOLLGATE_PUBLISHERS_NEWS_TOKEN", "TOLLGATE_PUBLISHERS_BLOG_TOKEN");
  }

  @Test
  void anOutputNamesEachPublishersTokenSecret() {
    Map<String, Object> outputs = map(TEMPLATE.toJSON().get("Outputs"));
    for (String publisher : List.of("News", "Blog")) {
      Map<String, Object> output = map(outputs.get("Publisher" + publisher + "TokenSecretArn"));
      assertThat(output.get("Value"))
          .isEqualTo(
              Map.of(
                  "Ref",
                  idOf(TEMPLATE, "AWS::SecretsManager::Secret", "SecretsPublisher" + publisher)));
      assertThat(String.valueOf(output.get("Description")))
          .contains("aws secretsmanager get-secret-value");
    }
  }

  @Test
  void withoutPublishersThereIsNoPublisherSecretOrVariable() {
    Map<String, Object> context = Deployments.literalContext();
    context.remove("tollgate:publishers");
    Template template = Deployments.synth("no-publishers", context).template();
    assertThat(resources(template, "AWS::SecretsManager::Secret").keySet())
        .noneMatch(id -> id.contains("Publisher"));
    assertThat(EnvironmentTemplateTest.environment(template, "Gateway").keySet())
        .noneMatch(k -> k.startsWith("TOLLGATE_PUBLISHERS_"));
    assertThat(String.valueOf(EnvironmentTemplateTest.environment(template, "Gateway")))
        .doesNotContain("tollgate.publishers.");
  }

  @Test
  void aBadPublisherStopsTheSynthNamingTheValue() {
    Map<String, Object> context = Deployments.literalContext();
    context.put(
        "tollgate:publishers", Map.of("news", Map.of("resources", "news.example.org/articles/")));
    context.put("tollgate:functionsPackage", FunctionsPackage.path().toString());
    App app = new App(AppProps.builder().context(context).build());
    assertThatThrownBy(() -> TollgateApp.build(app))
        .isInstanceOf(DeploymentConfigException.class)
        .hasMessageContaining("tollgate:publishers.news.resources")
        .hasMessageContaining("'news.example.org/articles/'");
  }
}
