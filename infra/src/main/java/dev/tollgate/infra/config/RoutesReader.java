package dev.tollgate.infra.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code tollgate:routes}: an object in {@code cdk.json}'s context, route name to {@code
 * {prefix, price, description?, mimeType?}}. A price may be {@code ssm:/name}.
 */
final class RoutesReader {
  private static final Set<String> FIELDS =
      Set.of("prefix", "price", "description", "mimeType", "upstream");

  private RoutesReader() {}

  /** {@code -c tollgate:routes='{"articles":{...}}'} arrives as text. */
  private static Object parseJson(String json, String key) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DeploymentConfigException(
          key
              + " must be a JSON object (route name to {prefix, price, ...}): "
              + e.getOriginalMessage());
    }
  }

  static List<PricedRouteConfig> read(Object value, String key) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String json) {
      value = parseJson(json, key);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new DeploymentConfigException(
          key
              + " must be an object in cdk.json's context (route name to {prefix, price,"
              + " description, mimeType, upstream}), got "
              + value.getClass().getSimpleName());
    }
    List<PricedRouteConfig> routes = new ArrayList<>();
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      String name = entry.getKey();
      String at = key + "." + name;
      if (!PricedRouteConfig.NAME.matcher(name).matches()) {
        throw new DeploymentConfigException(
            at
                + ": a route name is a lower-case letter then up to 31 lower-case letters or"
                + " digits (it becomes part of environment variable names), got '"
                + name
                + "'");
      }
      if (!(entry.getValue() instanceof Map<?, ?> fieldsRaw)) {
        throw new DeploymentConfigException(at + " must be an object {prefix, price, ...}");
      }
      Map<String, Object> fields = new TreeMap<>();
      fieldsRaw.forEach((k, v) -> fields.put(String.valueOf(k), v));
      for (String field : fields.keySet()) {
        if (!FIELDS.contains(field)) {
          throw new DeploymentConfigException(
              at
                  + " has unknown field '"
                  + field
                  + "'; fields: "
                  + new java.util.TreeSet<>(FIELDS));
        }
      }
      String prefix =
          DeploymentConfig.text(fields, "prefix")
              .orElseThrow(() -> new DeploymentConfigException(at + ".prefix is missing"));
      if (!prefix.startsWith("/paid/")) {
        throw new DeploymentConfigException(
            at
                + ".prefix must start with /paid/ (the gateway's priced paths), got '"
                + prefix
                + "'");
      }
      String price =
          DeploymentConfig.text(fields, "price")
              .orElseThrow(() -> new DeploymentConfigException(at + ".price is missing"));
      SettingValue priceValue =
          SettingValue.parse(
              at + ".price",
              price,
              literal -> {
                if (!PricedRouteConfig.PRICE.matcher(literal).matches()) {
                  throw new DeploymentConfigException(
                      at
                          + ".price must be a whole number of the asset's base units, got '"
                          + literal
                          + "'");
                }
                return literal;
              });
      routes.add(
          new PricedRouteConfig(
              name,
              prefix,
              priceValue,
              DeploymentConfig.text(fields, "description").orElse(""),
              DeploymentConfig.text(fields, "mimeType").orElse("application/json"),
              upstream(at, DeploymentConfig.text(fields, "upstream"))));
    }
    return routes;
  }

  /** An origin is an http(s) URL with a host and no query, fragment or user-info. */
  private static java.util.Optional<String> upstream(String at, java.util.Optional<String> value) {
    if (value.isEmpty()) {
      return value;
    }
    String text = value.get().strip();
    java.net.URI uri;
    try {
      uri = java.net.URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new DeploymentConfigException(at + ".upstream is not a URL: '" + text + "'");
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!http
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new DeploymentConfigException(
          at
              + ".upstream must be an http(s) URL with a host and no query, fragment or user-info,"
              + " got '"
              + text
              + "'");
    }
    return java.util.Optional.of(text);
  }
}
