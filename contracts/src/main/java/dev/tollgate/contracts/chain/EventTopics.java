package dev.tollgate.contracts.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.core.hash.Keccak;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event topics (keccak of the canonical signature) read from a contract's committed ABI. The
 * generated bindings name struct parameters by their Java class when they build a signature, so for
 * events that carry structs (ChannelDisputed and the rest) their topics never match a log.
 */
public final class EventTopics {
  // The committed ABIs never change at run time; each is read once per process.
  private static final Map<String, EventTopics> LOADED = new ConcurrentHashMap<>();

  private final String contract;
  private final Map<String, String> topics;

  private EventTopics(String contract, Map<String, String> topics) {
    this.contract = contract;
    this.topics = topics;
  }

  /** Topics of every event in {@code contracts/<contract>.abi} on the classpath. */
  public static EventTopics of(String contract) {
    return LOADED.computeIfAbsent(contract, EventTopics::load);
  }

  private static EventTopics load(String contract) {
    String resource = "contracts/" + contract + ".abi";
    try (InputStream in = EventTopics.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no ABI resource " + resource + " on the classpath");
      }
      Map<String, String> topics = new LinkedHashMap<>();
      for (JsonNode entry : new ObjectMapper().readTree(in)) {
        if ("event".equals(entry.path("type").asText())) {
          String signature = entry.get("name").asText() + parameterList(entry.get("inputs"));
          byte[] hash = Keccak.digest(signature.getBytes(StandardCharsets.US_ASCII));
          topics.put(entry.get("name").asText(), org.web3j.utils.Numeric.toHexString(hash));
        }
      }
      return new EventTopics(contract, Map.copyOf(topics));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  /** The topic of event {@code name}, as 0x-prefixed lowercase hex. */
  public String topic(String name) {
    String topic = topics.get(name);
    if (topic == null) {
      throw new IllegalArgumentException(
          contract + " has no event " + name + "; it has " + topics.keySet());
    }
    return topic;
  }

  private static String parameterList(JsonNode inputs) {
    StringJoiner joined = new StringJoiner(",", "(", ")");
    for (JsonNode input : inputs) {
      joined.add(canonicalType(input));
    }
    return joined.toString();
  }

  private static String canonicalType(JsonNode param) {
    String type = param.get("type").asText();
    if (type.startsWith("tuple")) {
      return parameterList(param.get("components")) + type.substring("tuple".length());
    }
    return type;
  }
}
