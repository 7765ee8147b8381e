package dev.tollgate.functions.config;

import dev.tollgate.functions.operator.BearerToken;
import dev.tollgate.functions.publisher.Publisher;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.Arrays;

/**
 * One publisher, {@code tollgate.publishers.<name>.token} and {@code .resources} (comma-separated
 * resource prefixes); in a Lambda's environment {@code TOLLGATE_PUBLISHERS_<NAME>_RESOURCES}, with
 * the token from Secrets Manager. One-word property names, because a Lambda's environment variables
 * spell both '.' and '-' as '_'.
 */
@EachProperty("tollgate.publishers")
public class PublisherSettings {
  private final String name;
  private String token;
  private String resources;

  public PublisherSettings(@Parameter String name) {
    this.name = name;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public void setResources(String resources) {
    this.resources = resources;
  }

  Publisher toPublisher() {
    String key = "tollgate.publishers." + name;
    if (token == null || resources == null) {
      throw new IllegalArgumentException(
          "publisher '" + name + "' needs " + key + ".token and " + key + ".resources");
    }
    try {
      return new Publisher(
          name,
          new BearerToken(token, key + ".token"),
          Arrays.stream(resources.split(","))
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .toList());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }
}
