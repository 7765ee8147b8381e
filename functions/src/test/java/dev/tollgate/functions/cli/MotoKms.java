package dev.tollgate.functions.cli;

import dev.tollgate.functions.adapter.kms.MotoKmsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/** moto's KMS for one test class, with the keys an operator would have made in AWS. */
final class MotoKms implements AutoCloseable {
  private final MotoKmsServer server;
  final KmsClient kms;

  private MotoKms(MotoKmsServer server) {
    this.server = server;
    this.kms = server.newClient();
  }

  static MotoKms start() {
    return new MotoKms(MotoKmsServer.start());
  }

  String endpoint() {
    return server.endpoint().toString();
  }

  /** A key like the one the gateway signs with in signer mode kms. */
  KeyMetadata signingKey() {
    return createKey(KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY);
  }

  /** A key like the one a wrapped signing key is encrypted under. */
  KeyMetadata wrappingKey() {
    return createKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
  }

  KeyMetadata createKey(KeySpec spec, KeyUsageType usage) {
    return kms.createKey(request -> request.keySpec(spec).keyUsage(usage)).keyMetadata();
  }

  /** An endpoint where nothing listens: a command that calls it fails with status 1, not 2. */
  static String deadEndpoint() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      kms.close();
    } finally {
      server.close();
    }
  }
}
