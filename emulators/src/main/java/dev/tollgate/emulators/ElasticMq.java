package dev.tollgate.emulators;

import java.net.InetSocketAddress;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ, in memory and in-process, serving the SQS API on a free 127.0.0.1 port. Queue URLs it
 * hands out name that port, so they can be used as returned.
 */
public final class ElasticMq implements AutoCloseable {
  public static final String REGION = "us-east-1";

  private final SQSRestServer server;
  private final InetSocketAddress address;

  private ElasticMq(SQSRestServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  public static ElasticMq start() {
    return start(0);
  }

  /** On {@code port} of 127.0.0.1; 0 picks a free one. */
  public static ElasticMq start(int port) {
    TheSQSRestServerBuilder builder =
        SQSRestServerBuilder.withInterface("127.0.0.1").withAWSRegion(REGION);
    SQSRestServer server = (port == 0 ? builder.withDynamicPort() : builder.withPort(port)).start();
    InetSocketAddress address;
    try {
      address = server.waitUntilStarted().localAddress();
    } catch (RuntimeException | Error e) {
      server.stopAndWait();
      throw e;
    }
    return new ElasticMq(server, address);
  }

  /** Where it listens: the test checks it is loopback only. */
  public InetSocketAddress boundAddress() {
    return address;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + address.getPort());
  }

  /** A client with placeholder credentials: an emulator accepts any, real ones must not leak. */
  public SqsClient client() {
    return SqsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
