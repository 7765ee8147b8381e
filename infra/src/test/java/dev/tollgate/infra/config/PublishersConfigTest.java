package dev.tollgate.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tollgate:publishers}: each refusal names the setting and the value at fault. */
class PublishersConfigTest {
  private static final String KEY = "tollgate:publishers";

  private static DeploymentConfig read(Object publishers) {
    Map<String, Object> c = DeploymentConfigTest.minimal();
    c.put(KEY, publishers);
    return DeploymentConfig.read(c);
  }

  private static String refusal(Object publishers) {
    try {
      read(publishers);
    } catch (DeploymentConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + publishers);
  }

  @Test
  void noPublishersByDefault() {
    assertThat(DeploymentConfig.read(DeploymentConfigTest.minimal()).publishers()).isEmpty();
  }

  @Test
  void aPublisherHasANameAndItsPrefixesInOrder() {
    PublisherConfig news =
        read(Map.of(
                "news",
                Map.of(
                    "resources",
                    List.of("https://news.example.com/articles/", "http://localhost:8080/paid/"))))
            .publishers()
            .get(0);
    assertThat(news.name()).isEqualTo("news");
    assertThat(news.resources())
        .containsExactly("https://news.example.com/articles/", "http://localhost:8080/paid/");
    assertThat(news.tokenProperty()).isEqualTo("tollgate.publishers.news.token");
    assertThat(news.environmentVariable()).isEqualTo("TOLLGATE_PUBLISHERS_NEWS_RESOURCES");
  }

  @Test
  void prefixesMayBeOneCommaSeparatedString() {
    assertThat(
            read(Map.of("blog2", Map.of("resources", " https://a.example/x/, https://b.example/")))
                .publishers()
                .get(0)
                .resources())
        .containsExactly("https://a.example/x/", "https://b.example/");
  }

  @Test
  void publishersMayArriveAsJsonTextFromTheCommandLine() {
    List<PublisherConfig> publishers =
        read("{\"news\": {\"resources\": [\"https://news.example.com/\"]}, \"blog\":"
                + " {\"resources\": \"https://blog.example.com/\"}}")
            .publishers();
    assertThat(publishers).extracting(PublisherConfig::name).containsExactly("blog", "news");
  }

  @Test
  void aBadNameIsRefusedNamingIt() {
    for (String name : List.of("News", "news-site", "news_site", "1news", "", "a".repeat(33))) {
      assertThat(refusal(Map.of(name, Map.of("resources", "https://n.example/"))))
          .as(name)
          .contains(KEY + "." + name, "'" + name + "'");
    }
  }

  @Test
  void aPublisherWithoutPrefixesIsRefused() {
    Map<String, Object> noField = Map.of();
    for (Object fields :
        List.of(noField, Map.of("resources", List.of()), Map.of("resources", ""))) {
      assertThat(refusal(Map.of("news", fields)))
          .as(String.valueOf(fields))
          .contains(KEY + ".news.resources is missing or empty");
    }
  }

  @Test
  void aPrefixThatIsNotAnAbsoluteHttpUrlWithAPathIsRefusedNamingIt() {
    for (String prefix :
        List.of(
            "https://news.example.com",
            "news.example.com/articles/",
            "/articles/",
            "ftp://news.example.com/",
            "HTTPS://news.example.com/",
            "https:///articles/",
            "https://user@news.example.com/",
            "https://news.example.com/a?b=c",
            "https://news.example.com/a#top",
            "https://news.example.com/a b/")) {
      assertThat(refusal(Map.of("news", Map.of("resources", List.of(prefix)))))
          .as(prefix)
          .contains(KEY + ".news.resources", "'" + prefix + "'");
    }
  }

  @Test
  void aNameGivenTwiceIsRefusedNotOverwritten() {
    assertThat(
            refusal(
                "{\"news\": {\"resources\": [\"https://a.example/\"]},"
                    + " \"news\": {\"resources\": [\"https://b.example/\"]}}"))
        .contains(KEY, "news");
  }

  @Test
  void aPrefixListedTwiceIsRefused() {
    assertThat(
            refusal(
                Map.of(
                    "news",
                    Map.of("resources", List.of("https://a.example/x/", "https://a.example/x/")))))
        .contains(KEY + ".news.resources", "'https://a.example/x/' twice");
  }

  @Test
  void twoPublishersMayNotClaimTheSameResources() {
    Map<String, Object> publishers = new LinkedHashMap<>();
    publishers.put("news", Map.of("resources", "https://example.com/news/"));
    publishers.put("site", Map.of("resources", "https://example.com/"));
    assertThat(refusal(publishers))
        .contains(KEY, "news", "'https://example.com/news/'", "site", "'https://example.com/'");
    publishers.put("site", Map.of("resources", "https://example.com/blog/"));
    assertThat(read(publishers).publishers()).hasSize(2);
  }

  @Test
  void unknownFieldsAndWrongShapesAreRefused() {
    assertThat(
            refusal(
                Map.of("news", Map.of("resources", "https://a.example/", "token", "secret123"))))
        .contains(KEY + ".news has unknown field 'token'");
    assertThat(refusal(Map.of("news", "https://a.example/"))).contains(KEY + ".news must be an");
    assertThat(refusal(List.of("news"))).contains(KEY + " must be an object");
    assertThat(refusal("news=https://a.example/")).contains(KEY + " must be a JSON object");
  }
}
