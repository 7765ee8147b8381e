package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.micronaut.function.aws.LambdaContextFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A warm handler's bean context does not grow with the invocations it serves. */
class LambdaContextBeansTest {

  @Test
  void invocationsAddNoBeanDefinitions() {
    try (LambdaInvoker lambda = LambdaInvoker.start()) {
      assertThat(lambda.get("/health", Map.of()).status()).isEqualTo(200);
      int before = lambda.context().getAllBeanDefinitions().size();

      for (int i = 0; i < 200; i++) {
        assertThat(lambda.get("/health", Map.of()).status()).isEqualTo(200);
      }

      assertThat(lambda.context().getAllBeanDefinitions()).hasSize(before);
      assertThat(lambda.context().getBeanDefinitions(Context.class)).isEmpty();
      assertThat(lambda.context().getBeanDefinitions(LambdaLogger.class)).isEmpty();
      assertThat(lambda.context().getBean(LambdaContextFactory.class))
          .isInstanceOf(NoLambdaContextBeans.class);
    }
  }
}
