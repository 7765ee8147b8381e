package dev.tollgate.functions.adapter.dynamodb;

import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.harness.Emulated;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store against DynamoDB Local, in this process, on a loopback port. */
class DynamoDbLocalChannelStoreTest extends ChannelStoreContract {
  @Override
  Emulated<DynamoDbClient> startDynamoDb() throws Exception {
    DynamoDbLocal local = DynamoDbLocal.start();
    return new Emulated<>(local.client(), local::close);
  }
}
