package dev.tollgate.functions.adapter.kms;

import dev.tollgate.functions.harness.Emulated;
import dev.tollgate.functions.harness.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * One emulated KMS per test class, started before the class's own setup and stopped after; a
 * subclass says which.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KmsEmulatorTest {
  private Emulated<KmsClient> emulated;
  KmsClient kms;

  /** Starts the KMS this class runs against; called once, before the class's own setup. */
  abstract Emulated<KmsClient> startKms();

  @BeforeAll
  void setUpKms() {
    emulated = startKms();
    kms = emulated.client();
  }

  @AfterAll
  void stopKms() {
    if (emulated != null) {
      emulated.close();
    }
  }

  String createKey(KeySpec spec, KeyUsageType usage) {
    return kms.createKey(request -> request.keySpec(spec).keyUsage(usage)).keyMetadata().keyId();
  }

  /** moto with the DIGEST patch, as a child process on a loopback port. */
  static Emulated<KmsClient> moto() {
    MotoKmsServer moto = MotoKmsServer.start();
    return new Emulated<>(moto.newClient(), moto::close);
  }

  /** LocalStack's KMS in Docker, for classes that skip themselves without Docker. */
  static Emulated<KmsClient> localStack() {
    LocalStack localStack = LocalStack.start(Service.KMS);
    return new Emulated<>(localStack.kmsClient(), localStack::close);
  }
}
