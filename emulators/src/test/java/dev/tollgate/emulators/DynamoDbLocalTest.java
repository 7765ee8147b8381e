package dev.tollgate.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class DynamoDbLocalTest {
  @Test
  void servesOnLoopbackAndStopsListening() throws Exception {
    int port;
    try (DynamoDbLocal local = DynamoDbLocal.start();
        var client = local.client()) {
      port = local.endpoint().getPort();
      assertThat(client.listTables().tableNames()).isEmpty();
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      throw new AssertionError("still listening on " + port);
    } catch (IOException refused) {
      assertThat(refused).hasMessageContaining("refused");
    }
  }
}
