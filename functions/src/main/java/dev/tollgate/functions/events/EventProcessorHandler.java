package dev.tollgate.functions.events;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * The Lambda the event queue invokes with batches of chain events. It answers with the messages
 * that failed (the event source mapping must report batch item failures), so only those are
 * delivered again, and a message that keeps failing moves to the dead-letter queue.
 */
public class EventProcessorHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
  @Inject EventBatch batch;

  /** The Lambda runtime's constructor: builds and starts the context from the configuration. */
  public EventProcessorHandler() {
    super();
  }

  /** Runs on {@code context}, starting it if it is not running yet. The caller closes it. */
  public EventProcessorHandler(ApplicationContext context) {
    super(context);
  }

  @Override
  public SQSBatchResponse execute(SQSEvent input) {
    return batch.process(input);
  }
}
