package dev.tollgate.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A scalar setting of a deployment: where it is read from (context key {@code tollgate:<key>}, or
 * SSM parameter {@code <ssmPrefix>/<key>}), the environment variable the functions read it as
 * (Micronaut maps {@code TOLLGATE_CHAIN_ID} to {@code tollgate.chain.id}), its default and the
 * shape a literal value must have. A value read from SSM is only known at deploy time; the
 * functions check it when they start.
 */
public enum Setting {
  CHAIN_ID("chainId", "TOLLGATE_CHAIN_ID", null, Shape.POSITIVE_INTEGER),
  RPC_URL("rpcUrl", "TOLLGATE_CHAIN_RPC_URL", null, Shape.HTTP_URL),
  CHANNEL_FACTORY("channelFactory", "TOLLGATE_CONTRACTS_CHANNEL_FACTORY", null, Shape.ADDRESS),
  TRANSFER_REGISTRY(
      "transferRegistry", "TOLLGATE_CONTRACTS_TRANSFER_REGISTRY", null, Shape.ADDRESS),
  MASTERCOPY("mastercopy", "TOLLGATE_CONTRACTS_MASTERCOPY", null, Shape.ADDRESS),
  HASHLOCK("hashlock", "TOLLGATE_CONTRACTS_HASHLOCK", null, Shape.ADDRESS),
  WITHDRAW("withdraw", "TOLLGATE_CONTRACTS_WITHDRAW", null, Shape.ADDRESS),
  ASSET("asset", "TOLLGATE_ASSET", null, Shape.ADDRESS),
  CONFIRMATIONS("confirmations", "TOLLGATE_WATCHER_CONFIRMATIONS", "12", Shape.NATURAL),
  START_BLOCK("startBlock", "TOLLGATE_WATCHER_START_BLOCK", "0", Shape.NATURAL),
  QUOTE_SECONDS("quoteSeconds", "TOLLGATE_PAYWALL_QUOTE_SECONDS", "300", Shape.POSITIVE_INTEGER),
  TRANSFER_TIMEOUT_SECONDS(
      "transferTimeoutSeconds",
      "TOLLGATE_PAYWALL_TRANSFER_TIMEOUT_SECONDS",
      "86400",
      Shape.POSITIVE_INTEGER),
  CLAIM_IDLE_AFTER_SECONDS(
      "claimIdleAfterSeconds",
      "TOLLGATE_DISPUTES_CLAIM_IDLE_AFTER_SECONDS",
      "604800",
      Shape.NATURAL),
  /**
   * The most blocks the keeper's own dispute scan reads in one run; a longer backlog (a first run
   * far behind the head) is read over the next runs, so one run stays inside its timeout.
   */
  SCAN_MAX_BLOCKS_PER_RUN(
      "scanMaxBlocksPerRun",
      "TOLLGATE_DISPUTES_SCAN_MAX_BLOCKS_PER_RUN",
      "50000",
      Shape.POSITIVE_INTEGER),
  /** Channel setups the gateway takes from one source address per window (spam bound). */
  SETUPS_PER_SOURCE(
      "setupsPerSource", "TOLLGATE_CHANNELS_SETUP_LIMIT_PER_SOURCE", "60", Shape.POSITIVE_INTEGER),
  SETUPS_PER_PAYER(
      "setupsPerPayer", "TOLLGATE_CHANNELS_SETUP_LIMIT_PER_PAYER", "3", Shape.POSITIVE_INTEGER),
  SETUP_WINDOW_SECONDS(
      "setupWindowSeconds",
      "TOLLGATE_CHANNELS_SETUP_LIMIT_WINDOW_SECONDS",
      "3600",
      Shape.POSITIVE_INTEGER),
  WRAPPED_KEY("wrappedKey", "TOLLGATE_SIGNER_WRAPPED_KEY", null, Shape.BASE64),
  /** standalone (the default), hub or publisher: the gateway's place in a routed network. */
  ROLE("role", "TOLLGATE_ROUTING_ROLE", "standalone", Shape.ROLE),
  /** A publisher gateway's hub: its base URL and its gateway address (read only for publisher). */
  HUB_URL("hubUrl", "TOLLGATE_ROUTING_HUB_URL", null, Shape.HTTP_URL),
  HUB_ADDRESS("hubAddress", "TOLLGATE_ROUTING_HUB_ADDRESS", null, Shape.ADDRESS),
  /** A hub's fee per forwarded payment: flat base units plus parts per million of the price. */
  HUB_FEE_FLAT("hubFeeFlat", "TOLLGATE_ROUTING_FEE_FLAT", "0", Shape.NATURAL),
  HUB_FEE_PPM("hubFeePpm", "TOLLGATE_ROUTING_FEE_PPM", "0", Shape.NATURAL),
  /** How much earlier a hub's forwarded transfer times out than the reader's. */
  LEG_MARGIN_SECONDS(
      "legMarginSeconds", "TOLLGATE_ROUTING_LEG_MARGIN_SECONDS", "21600", Shape.POSITIVE_INTEGER);

  private final String key;
  private final String environmentVariable;
  private final String defaultValue;
  private final Shape shape;

  Setting(String key, String environmentVariable, String defaultValue, Shape shape) {
    this.key = key;
    this.environmentVariable = environmentVariable;
    this.defaultValue = defaultValue;
    this.shape = shape;
  }

  /** The name after {@code tollgate:} in the context, and after the prefix in SSM. */
  public String key() {
    return key;
  }

  public String contextKey() {
    return "tollgate:" + key;
  }

  public String environmentVariable() {
    return environmentVariable;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /**
   * Checks a literal value, naming the context key and the value when it is wrong.
   *
   * @throws DeploymentConfigException when {@code value} does not have this setting's shape
   */
  public String check(String value) {
    if (!shape.pattern.matcher(value).matches()) {
      throw new DeploymentConfigException(
          contextKey() + " must be " + shape.description + ", got '" + value + "'");
    }
    return value;
  }

  private enum Shape {
    POSITIVE_INTEGER("[1-9][0-9]{0,17}", "a positive integer"),
    NATURAL("0|[1-9][0-9]{0,17}", "a whole number, 0 or more"),
    HTTP_URL("https?://[^\\s]+", "an http(s) URL"),
    ADDRESS("0x[0-9a-fA-F]{40}", "an address: 0x and 40 hex digits"),
    BASE64("[A-Za-z0-9+/]+={0,2}", "base64 (the output of ./tollgate wrap-key)"),
    ROLE("standalone|hub|publisher", "standalone, hub or publisher");

    private final Pattern pattern;
    private final String description;

    Shape(String regex, String description) {
      this.pattern = Pattern.compile(regex);
      this.description = description;
    }
  }
}
