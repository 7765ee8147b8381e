package dev.tollgate.core.update;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A create's {@code meta}, as vector carries it: data for the parties and any intermediary (a hub's
 * {@code routingId}, {@code path} and quote) that travels with the update but is not part of the
 * signed channel or transfer state, so two updates that differ only in meta carry the same
 * signatures. Any JSON object; held and handed out as a copy, since JSON trees are mutable.
 */
public final class TransferMeta {
  public static final TransferMeta NONE = new TransferMeta(JsonNodeFactory.instance.objectNode());

  /**
   * The most a create's meta may hold, as compact JSON in UTF-8. Routing data needs a few hundred
   * bytes; without a bound, a payer could make every write of its channel as large as the store
   * allows and have the gateway pay for it.
   */
  public static final int MAX_BYTES = 1024;

  private final ObjectNode json;

  private TransferMeta(ObjectNode json) {
    this.json = json;
  }

  /**
   * @throws IllegalArgumentException when {@code json} is larger than {@link #MAX_BYTES}
   */
  public static TransferMeta of(ObjectNode json) {
    Objects.requireNonNull(json, "json");
    int size = sizeOf(json);
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException(
          "meta is " + size + " bytes as JSON; at most " + MAX_BYTES + " are taken");
    }
    return json.isEmpty() ? NONE : new TransferMeta(json.deepCopy());
  }

  /** {@code json}'s size as compact JSON in UTF-8. */
  public static int sizeOf(ObjectNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  public boolean isEmpty() {
    return json.isEmpty();
  }

  /** A copy of the JSON object. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransferMeta other && json.equals(other.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
