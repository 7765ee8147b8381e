package dev.tollgate.contracts.anvil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A local anvil chain on a free 127.0.0.1 port, started as a child process and stopped by its own
 * handle (never by name). Adds the test-chain controls tests and the local stack need: moving time,
 * mining, snapshots.
 */
public final class AnvilNode implements AutoCloseable {
  public static final long CHAIN_ID = 31337;
  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpService http;
  private final Web3j web3j;

  private AnvilNode(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.http = new HttpService(rpcUrl(port));
    this.web3j = Web3j.build(http);
  }

  /** Starts anvil from the repository's node_modules and waits until it answers JSON-RPC. */
  public static AnvilNode start() {
    return start(AnvilBinary.locate(AnvilBinary.repositoryRoot()), List.of());
  }

  public static AnvilNode start(Path binary, List<String> extraArguments) {
    IllegalStateException last = null;
    // A free port can be taken between probing and anvil binding it; try a fresh one then.
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return startOnce(binary, freePort(), extraArguments);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * Starts anvil on {@code port} of 127.0.0.1 (the local stack's fixed port), once: a port that is
   * taken fails with anvil's own message.
   */
  public static AnvilNode startOn(Path binary, int port, List<String> extraArguments) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    return startOnce(binary, port, extraArguments);
  }

  private static AnvilNode startOnce(Path binary, int port, List<String> extraArguments) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--chain-id",
            Long.toString(CHAIN_ID),
            "--mnemonic",
            DevAccounts.MNEMONIC,
            "--accounts",
            Integer.toString(DevAccounts.COUNT),
            "--balance",
            "10000"));
    command.addAll(extraArguments);
    Path log;
    Process process;
    try {
      log = Files.createTempFile("tollgate-anvil-" + port + "-", ".log");
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + binary + ": " + e.getMessage(), e);
    }
    AnvilNode node = new AnvilNode(process, log, port);
    node.awaitReady();
    return node;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = readLog();
        close();
        throw new IllegalStateException(
            "anvil exited with " + process.exitValue() + " on port " + port + ": " + output);
      }
      try {
        web3j.ethChainId().send();
        return;
      } catch (IOException notYetListening) {
        try {
          process.waitFor(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          close();
          throw new IllegalStateException("interrupted while anvil was starting", e);
        }
      }
    }
    close();
    throw new IllegalStateException(
        "anvil did not answer on port " + port + " within " + STARTUP + ": " + readLog());
  }

  public String rpcUrl() {
    return rpcUrl(port);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Web3j web3j() {
    return web3j;
  }

  /** Moves the chain clock forward; the next mined block carries the new time. */
  public void increaseTime(long seconds) {
    call("evm_increaseTime", List.of(seconds));
  }

  public void mine() {
    call("evm_mine", List.of());
  }

  /** Mines {@code blocks} empty blocks at once. */
  public void mine(int blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("blocks must be at least 1, got " + blocks);
    }
    call("anvil_mine", List.of("0x" + Integer.toHexString(blocks)));
  }

  /** Sets {@code account}'s ether balance to {@code wei}. */
  public void setBalance(String account, java.math.BigInteger wei) {
    call("anvil_setBalance", List.of(account, "0x" + wei.toString(16)));
  }

  /** Off: transactions stay pending until {@link #mine}; on: each is mined as it arrives. */
  public void setAutomine(boolean on) {
    call("evm_setAutomine", List.of(on));
  }

  /** {@link #increaseTime} then {@link #mine}: the latest block is {@code seconds} later. */
  public void advance(long seconds) {
    increaseTime(seconds);
    mine();
  }

  public long latestTimestamp() {
    try {
      return web3j
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new IllegalStateException("reading the latest block from anvil failed", e);
    }
  }

  public String snapshot() {
    return call("evm_snapshot", List.of()).toString();
  }

  /** Restores a snapshot (each snapshot id can be restored once). */
  public void revertTo(String snapshotId) {
    Object reverted = call("evm_revert", List.of(snapshotId));
    if (!Boolean.TRUE.equals(reverted)) {
      throw new IllegalStateException("anvil refused to revert to snapshot " + snapshotId);
    }
  }

  private Object call(String method, List<?> params) {
    try {
      GenericResponse response = new Request<>(method, params, http, GenericResponse.class).send();
      if (response.hasError()) {
        throw new IllegalStateException(
            method + " failed on anvil: " + response.getError().getMessage());
      }
      return response.getResult();
    } catch (IOException e) {
      throw new IllegalStateException(method + " could not reach anvil at " + rpcUrl(), e);
    }
  }

  private String readLog() {
    try {
      String text = Files.readString(log);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a leftover temp log is harmless
    }
  }

  private static String rpcUrl(int port) {
    return "http://127.0.0.1:" + port;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on 127.0.0.1", e);
    }
  }

  /** JSON-RPC response whose result is whatever JSON the method returns. */
  public static final class GenericResponse extends Response<Object> {}
}
