package dev.tollgate.infra.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code tollgate:publishers}: an object in {@code cdk.json}'s context, publisher name to
 * {@code {"resources": [prefix, ...]}} (the shape of {@code tollgate:routes}); the list may also be
 * one comma-separated string. Each prefix is an absolute http(s) URL with at least the {@code /}
 * after the host, and no two publishers may claim the same resource: the prefix is what a
 * publisher's token is bounded by.
 */
final class PublishersReader {
  private static final Set<String> FIELDS = Set.of("resources");

  /**
   * Scheme, host (no user-info) and a path; no query or fragment, which a prefix match would make
   * meaningless, and no comma or space, which would split the environment variable's list.
   */
  private static final Pattern PREFIX = Pattern.compile("https?://[^/?#@\\s,]+/[^?#\\s,]*");

  private PublishersReader() {}

  static List<PublisherConfig> read(Object value, String key) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String json) {
      value = parseJson(json, key);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new DeploymentConfigException(
          key
              + " must be an object in cdk.json's context (publisher name to {\"resources\":"
              + " [prefix, ...]}), got "
              + value.getClass().getSimpleName());
    }
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    List<PublisherConfig> publishers = new ArrayList<>();
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      PublisherConfig publisher = publisher(entry.getKey(), entry.getValue(), key);
      for (PublisherConfig earlier : publishers) {
        refuseSharedResources(earlier, publisher, key);
      }
      publishers.add(publisher);
    }
    return publishers;
  }

  /**
   * {@code -c tollgate:publishers='{...}'} arrives as text. A name given twice is refused, not
   * overwritten: one of the two would otherwise lose its prefixes without a word.
   */
  private static Object parseJson(String json, String key) {
    try {
      return new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new DeploymentConfigException(
          key
              + " must be a JSON object (publisher name to {\"resources\": [prefix, ...]}) with"
              + " each name once: "
              + e.getOriginalMessage());
    }
  }

  private static PublisherConfig publisher(String name, Object value, String key) {
    String at = key + "." + name;
    if (!PublisherConfig.NAME.matcher(name).matches()) {
      throw new DeploymentConfigException(
          at
              + ": a publisher name is a lower-case letter then up to 31 lower-case letters or"
              + " digits (it becomes part of environment variable names), got '"
              + name
              + "'");
    }
    if (!(value instanceof Map<?, ?> fieldsRaw)) {
      throw new DeploymentConfigException(
          at + " must be an object {\"resources\": [prefix, ...]}, got " + value);
    }
    for (Object field : fieldsRaw.keySet()) {
      if (!FIELDS.contains(String.valueOf(field))) {
        throw new DeploymentConfigException(
            at + " has unknown field '" + field + "'; fields: " + FIELDS);
      }
    }
    List<String> resources = new ArrayList<>();
    for (String prefix : prefixes(fieldsRaw.get("resources"), at + ".resources")) {
      checkPrefix(prefix, at + ".resources");
      if (resources.contains(prefix)) {
        throw new DeploymentConfigException(at + ".resources lists '" + prefix + "' twice");
      }
      resources.add(prefix);
    }
    if (resources.isEmpty()) {
      throw new DeploymentConfigException(
          at
              + ".resources is missing or empty: a publisher needs at least one resource URL"
              + " prefix, e.g. https://news.example.com/articles/");
    }
    return new PublisherConfig(name, resources);
  }

  private static List<String> prefixes(Object value, String at) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new DeploymentConfigException(at + " must list URL prefixes as strings, got " + o);
        }
        out.add(s.trim());
      }
    } else {
      throw new DeploymentConfigException(
          at + " must be a list of URL prefixes or a comma-separated string, got " + value);
    }
    return out;
  }

  private static void checkPrefix(String prefix, String at) {
    if (!PREFIX.matcher(prefix).matches() || !hasHost(prefix)) {
      throw new DeploymentConfigException(
          at
              + " holds '"
              + prefix
              + "', which is not an absolute http:// or https:// URL with a path (at least the"
              + " '/' after the host, no query, fragment, user-info, comma or space), e.g."
              + " https://news.example.com/articles/");
    }
  }

  private static boolean hasHost(String prefix) {
    try {
      return new URI(prefix).getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * A resource under a prefix of two publishers could be quoted and settled by either, so one
   * publisher could take another's payments: prefixes of different publishers may not nest.
   */
  private static void refuseSharedResources(PublisherConfig a, PublisherConfig b, String key) {
    for (String pa : a.resources()) {
      for (String pb : b.resources()) {
        if (pa.startsWith(pb) || pb.startsWith(pa)) {
          throw new DeploymentConfigException(
              key
                  + ": publishers "
                  + a.name()
                  + " ('"
                  + pa
                  + "') and "
                  + b.name()
                  + " ('"
                  + pb
                  + "') claim the same resources; a resource URL prefix may belong to one"
                  + " publisher only");
        }
      }
    }
  }
}
