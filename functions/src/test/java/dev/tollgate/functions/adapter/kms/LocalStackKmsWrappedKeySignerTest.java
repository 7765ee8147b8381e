package dev.tollgate.functions.adapter.kms;

import dev.tollgate.functions.harness.Emulated;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KmsWrappedKeySigner against LocalStack's KMS in Docker; reported as skipped where Docker is
 * absent.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackKmsWrappedKeySignerTest extends KmsWrappedKeySignerContract {
  @Override
  Emulated<KmsClient> startKms() {
    return localStack();
  }
}
