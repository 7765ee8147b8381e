package dev.tollgate.functions.adapter.dynamodb;

import dev.tollgate.functions.harness.Emulated;
import dev.tollgate.functions.harness.LocalStack;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store against LocalStack's DynamoDB in Docker; reported as skipped where Docker is absent.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackChannelStoreTest extends ChannelStoreContract {
  @Override
  Emulated<DynamoDbClient> startDynamoDb() {
    LocalStack localStack = LocalStack.start(Service.DYNAMODB);
    return new Emulated<>(localStack.dynamoDbClient(), localStack::close);
  }
}
