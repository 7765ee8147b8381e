package dev.tollgate.emulators;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local, in memory, serving HTTP on a free 127.0.0.1 port. Its own server class binds
 * every interface, so only its request handler is used, behind a Jetty connector on loopback.
 */
public final class DynamoDbLocal implements AutoCloseable {
  private final Server server;
  private final int port;

  private DynamoDbLocal(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  public static DynamoDbLocal start() throws Exception {
    return start(0);
  }

  /** On {@code port} of 127.0.0.1; 0 picks a free one. */
  public static DynamoDbLocal start(int port) throws Exception {
    LocalDynamoDBServerHandler handler =
        new LocalDynamoDBServerHandler(
            new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new DynamoDBProxyServer(0, handler).setUpHandler(handler));
    server.start();
    return new DynamoDbLocal(server, connector.getLocalPort());
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping DynamoDB Local on port " + port + " failed", e);
    }
  }
}
