package dev.tollgate.functions.adapter.dynamodb;

import java.util.Objects;

/** The gateway's DynamoDB tables; a deployment or a test picks the names. */
public record TableNames(String channels, String updates, String transfers) {
  public TableNames {
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(updates, "updates");
    Objects.requireNonNull(transfers, "transfers");
  }

  public static TableNames withPrefix(String prefix) {
    if (prefix == null || !prefix.matches("[A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(
          "table prefix may hold only letters, digits, '_', '.', '-', got '" + prefix + "'");
    }
    return new TableNames(prefix + "channels", prefix + "updates", prefix + "transfers");
  }
}
