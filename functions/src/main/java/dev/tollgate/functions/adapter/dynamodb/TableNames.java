package dev.tollgate.functions.adapter.dynamodb;

import java.util.Objects;

/**
 * The gateway's DynamoDB tables; a deployment or a test picks the names. {@code chain} holds what
 * the gateway learns from and does on the chain: the watcher's cursor, confirmed deposits, funded
 * channels, disputes, completed withdrawals, processed events and the signer's account nonce; and
 * the channel-setup rate counters.
 */
public record TableNames(String channels, String updates, String transfers, String chain) {
  public TableNames {
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(updates, "updates");
    Objects.requireNonNull(transfers, "transfers");
    Objects.requireNonNull(chain, "chain");
  }

  public static TableNames withPrefix(String prefix) {
    if (prefix == null || !prefix.matches("[A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(
          "table prefix may hold only letters, digits, '_', '.', '-', got '" + prefix + "'");
    }
    return new TableNames(
        prefix + "channels", prefix + "updates", prefix + "transfers", prefix + "chain");
  }
}
