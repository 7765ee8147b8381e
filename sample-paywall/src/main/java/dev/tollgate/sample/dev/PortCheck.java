package dev.tollgate.sample.dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Fails before anything starts if a port the stack needs is taken, naming port and server. */
final class PortCheck {
  private PortCheck() {}

  static void requireFree(DevOptions options) {
    for (String server : DevOptions.servers()) {
      int port = options.port(server);
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException taken) {
        throw new AlreadyRunningException(
            "port "
                + port
                + " on 127.0.0.1 (for the "
                + server
                + ") is already in use by another program.\nStop that program, or give the "
                + server
                + " another port with --"
                + server
                + "-port N.");
      }
    }
  }
}
