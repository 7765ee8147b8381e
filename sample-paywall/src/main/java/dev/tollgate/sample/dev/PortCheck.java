package dev.tollgate.sample.dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;

/**
 * Fails before anything starts if a port the stack needs is taken, naming port and server.
 *
 * <p>The probe binds the way the servers themselves bind (Netty, Jetty, the JDK's HTTP server,
 * anvil: all with {@code SO_REUSEADDR}), so a port whose old connections still sit in TIME_WAIT
 * after a stack was stopped counts as free, as it is for those servers: a restart right after
 * Ctrl-C works. A port that still cannot be bound is reported as taken only when a program accepts
 * connections there; otherwise the error says the port cannot be bound and why.
 */
final class PortCheck {
  private static final int CONNECT_MILLIS = 500;

  private PortCheck() {}

  static void requireFree(DevOptions options) {
    for (String server : DevOptions.servers()) {
      int port = options.port(server);
      problem(port, server)
          .ifPresent(
              message -> {
                throw new AlreadyRunningException(message);
              });
    }
  }

  /** Why {@code server} cannot listen on {@code port} of 127.0.0.1, if it cannot. */
  static Optional<String> problem(int port, String server) {
    IOException bindFailure;
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return Optional.empty();
    } catch (IOException e) {
      bindFailure = e;
    }
    String fix =
        "\nStop that program, or give the "
            + server
            + " another port with --"
            + server
            + "-port N.";
    if (listening(port)) {
      return Optional.of(
          "port "
              + port
              + " on 127.0.0.1 (for the "
              + server
              + ") is already in use by another program."
              + fix);
    }
    return Optional.of(
        "port "
            + port
            + " on 127.0.0.1 (for the "
            + server
            + ") cannot be bound, though no program accepts connections there ("
            + bindFailure.getMessage()
            + ")."
            + fix.replace("Stop that program", "Free it"));
  }

  /** Whether a program accepts connections on {@code port} of 127.0.0.1. */
  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_MILLIS);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
