package dev.tollgate.functions.api;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One gateway stack per test class (anvil, contracts, DynamoDB Local, the Lambda handler). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnStackTest {
  GatewayStack stack;
  Address gateway;

  @BeforeAll
  void startStack() throws Exception {
    stack = GatewayStack.start();
    gateway = Address.fromHex(stack.gatewayAddress());
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }

  /** A new payer with an open channel holding {@code deposit}, reconciled by the gateway. */
  HttpPayer funded(BigInteger deposit) throws Exception {
    return HttpPayer.funded(stack, deposit);
  }
}
