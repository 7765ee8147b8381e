package dev.tollgate.sample.dev;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./tollgate dev} was asked for: the ports of its five servers, where it keeps its
 * lock, and how the chain and watcher pace themselves. Every value has a default, so the bare
 * command brings the stack up.
 */
public record DevOptions(
    Map<String, Integer> ports,
    Path stateDir,
    int blockSeconds,
    int confirmations,
    long receiptSeconds) {
  public static final String GATEWAY = "gateway";
  public static final String SITE = "site";
  public static final String ANVIL = "anvil";
  public static final String DYNAMODB = "dynamodb";
  public static final String SQS = "sqs";

  private static final Map<String, Integer> DEFAULT_PORTS =
      orderedPorts(8080, 3000, 8545, 8000, 9324);

  public DevOptions {
    ports = Map.copyOf(ports);
    for (String server : DEFAULT_PORTS.keySet()) {
      Integer port = ports.get(server);
      if (port == null || port < 1 || port > 65535) {
        throw new IllegalArgumentException(server + " port must be 1..65535, got " + port);
      }
    }
    if (ports.values().stream().distinct().count() != ports.size()) {
      throw new IllegalArgumentException("two servers were given the same port: " + ports);
    }
    if (blockSeconds < 1 || blockSeconds > 60) {
      throw new IllegalArgumentException("block time must be 1..60 seconds, got " + blockSeconds);
    }
    if (confirmations < 0 || confirmations > 64) {
      throw new IllegalArgumentException("confirmations must be 0..64, got " + confirmations);
    }
    if (receiptSeconds < 1) {
      throw new IllegalArgumentException(
          "receipt time must be at least 1 second, got " + receiptSeconds);
    }
  }

  public int port(String server) {
    return ports.get(server);
  }

  /** The servers in the order they are listed to the user. */
  public static List<String> servers() {
    return List.copyOf(DEFAULT_PORTS.keySet());
  }

  public static final String USAGE =
      String.join(
          "\n",
          "usage: ./tollgate dev [--gateway-port N] [--site-port N] [--anvil-port N]",
          "                      [--dynamodb-port N] [--sqs-port N] [--state-dir DIR]",
          "                      [--block-seconds N] [--confirmations N] [--receipt-seconds N]",
          "Starts the whole Tollgate stack on 127.0.0.1 until Ctrl-C. A paid article can be re-read",
          "for --receipt-seconds (3600) on its receipt.");

  /**
   * Reads the command line.
   *
   * @throws IllegalArgumentException naming the flag or value that is wrong
   */
  public static DevOptions parse(List<String> args, Path defaultStateDir) {
    Map<String, Integer> ports = new LinkedHashMap<>(DEFAULT_PORTS);
    Path stateDir = defaultStateDir;
    int blockSeconds = 1;
    int confirmations = 2;
    long receiptSeconds = 3_600;
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("unknown option or missing value: " + flag);
      }
      String value = rest.remove(0);
      switch (flag) {
        case "--state-dir" -> stateDir = Path.of(value);
        case "--block-seconds" -> blockSeconds = number(flag, value);
        case "--confirmations" -> confirmations = number(flag, value);
        case "--receipt-seconds" -> receiptSeconds = number(flag, value);
        default -> {
          String server =
              flag.startsWith("--") && flag.endsWith("-port")
                  ? flag.substring(2, flag.length() - "-port".length())
                  : "";
          if (!DEFAULT_PORTS.containsKey(server)) {
            throw new IllegalArgumentException("unknown option: " + flag);
          }
          ports.put(server, number(flag, value));
        }
      }
    }
    return new DevOptions(ports, stateDir, blockSeconds, confirmations, receiptSeconds);
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got " + value);
    }
  }

  private static Map<String, Integer> orderedPorts(
      int gateway, int site, int anvil, int dynamodb, int sqs) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put(GATEWAY, gateway);
    ports.put(SITE, site);
    ports.put(ANVIL, anvil);
    ports.put(DYNAMODB, dynamodb);
    ports.put(SQS, sqs);
    return ports;
  }
}
