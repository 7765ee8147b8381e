package dev.tollgate.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class ElasticMqTest {

  @Test
  void servesSqsOnLoopbackOnly() throws Exception {
    try (ElasticMq mq = ElasticMq.start();
        SqsClient sqs = mq.client()) {
      InetSocketAddress bound = mq.boundAddress();
      assertThat(bound.getAddress().isLoopbackAddress())
          .as("bound to %s", bound.getAddress())
          .isTrue();
      assertThat(bound.getPort()).isPositive();

      for (InetAddress other : nonLoopbackAddresses()) {
        assertThatThrownBy(() -> connect(other, bound.getPort()))
            .as("a connection to %s:%d", other, bound.getPort())
            .isInstanceOf(IOException.class);
      }

      String url = sqs.createQueue(b -> b.queueName("probe")).queueUrl();
      assertThat(URI.create(url).getPort())
          .as("the queue URL %s names the bound port", url)
          .isEqualTo(bound.getPort());
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
      List<Message> received =
          sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();
      assertThat(received).extracting(Message::body).containsExactly("hello");
    }
  }

  @Test
  void stopsListeningWhenClosed() throws Exception {
    int port;
    try (ElasticMq mq = ElasticMq.start()) {
      port = mq.boundAddress().getPort();
      connect(InetAddress.getLoopbackAddress(), port);
    }
    assertThatThrownBy(() -> connect(InetAddress.getLoopbackAddress(), port))
        .isInstanceOf(IOException.class);
  }

  private static void connect(InetAddress host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1_000);
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .collect(Collectors.toList());
  }
}
