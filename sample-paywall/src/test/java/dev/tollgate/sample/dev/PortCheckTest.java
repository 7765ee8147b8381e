package dev.tollgate.sample.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dev stack's port check against real sockets: a port whose last connection sits in TIME_WAIT
 * (what stopping a stack with Ctrl-C leaves behind) is free, since the servers bind it with address
 * reuse; a port a program listens on is taken, named with the flag that moves it.
 */
class PortCheckTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void portInTimeWaitIsNotReportedAsTaken() throws Exception {
    int port = portLeftInTimeWait();
    // the state the bug report saw: without address reuse the kernel refuses the bind
    assertThatThrownBy(
            () -> {
              try (ServerSocket strict = new ServerSocket()) {
                strict.setReuseAddress(false);
                strict.bind(new InetSocketAddress(LOOPBACK, port));
              }
            })
        .as("port %d has a connection in TIME_WAIT", port)
        .isInstanceOf(IOException.class);
    assertThat(PortCheck.listening(port)).isFalse();

    assertThat(PortCheck.problem(port, DevOptions.ANVIL)).isEmpty();
    PortCheck.requireFree(optionsWith(DevOptions.ANVIL, port));
    // and a server binding the way the stack's servers do gets it
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(LOOPBACK, port));
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void portWithAListenerIsReportedTaken() throws Exception {
    try (ServerSocket other = new ServerSocket(0, 50, LOOPBACK)) {
      int port = other.getLocalPort();
      assertThat(PortCheck.problem(port, DevOptions.ANVIL))
          .hasValueSatisfying(
              message ->
                  assertThat(message)
                      .contains(
                          "port " + port,
                          "(for the anvil)",
                          "already in use by another program",
                          "--anvil-port N"));
      assertThatThrownBy(() -> PortCheck.requireFree(optionsWith(DevOptions.ANVIL, port)))
          .isInstanceOf(AlreadyRunningException.class)
          .hasMessageContaining("port " + port + " on 127.0.0.1 (for the anvil) is already in use");
    }
  }

  /**
   * A port nothing listens on any more whose server side closed a connection first, as anvil and
   * the gateway do when the stack stops: that side's socket waits in TIME_WAIT for 60 s on Linux.
   */
  private static int portLeftInTimeWait() throws IOException {
    int port;
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        Socket client = new Socket()) {
      port = server.getLocalPort();
      client.connect(new InetSocketAddress(LOOPBACK, port), 2_000);
      try (Socket accepted = server.accept()) {
        accepted.getOutputStream().write('x');
      } // the server closes first: its FIN goes out before the client's
      InputStream in = client.getInputStream();
      assertThat(in.read()).isEqualTo('x');
      assertThat(in.read()).as("the client saw the server close").isEqualTo(-1);
    } // the client's FIN ends the exchange; the server side's socket is now in TIME_WAIT
    return port;
  }

  /** Default options except {@code server} on {@code port}, the others on ports free right now. */
  private static DevOptions optionsWith(String server, int port) {
    List<Integer> free =
        FreePorts.take(DevOptions.servers().size() + 1).stream().filter(p -> p != port).toList();
    Map<String, Integer> ports = new LinkedHashMap<>();
    int i = 0;
    for (String s : DevOptions.servers()) {
      ports.put(s, s.equals(server) ? port : free.get(i++));
    }
    return new DevOptions(ports, java.nio.file.Path.of("/tmp/unused"), 1, 2, 3_600);
  }
}
