package dev.tollgate.sample.dev;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tollgate.functions.disputes.DisputeKeeperHandler;
import dev.tollgate.functions.events.EventProcessorHandler;
import dev.tollgate.functions.events.QueueDelivery;
import dev.tollgate.functions.events.WatcherHandler;
import io.micronaut.context.ApplicationContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What EventBridge and the SQS event source do on AWS, on a short schedule: the watcher every
 * second, the processor as soon as the queue has messages (long polling), the dispute keeper every
 * 15 seconds. The same handler classes run, on the gateway's own context.
 */
final class EventLoops implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.dev");

  private final ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2);
  private final Thread delivery;
  private final AtomicBoolean running = new AtomicBoolean(true);

  EventLoops(ApplicationContext context, SqsClient sqs, String queueUrl) {
    WatcherHandler watcher = new WatcherHandler(context);
    DisputeKeeperHandler keeper = new DisputeKeeperHandler(context);
    EventProcessorHandler processor = new EventProcessorHandler(context);
    QueueDelivery queue = new QueueDelivery(sqs, queueUrl, processor::execute);
    schedule.scheduleWithFixedDelay(
        () -> runLogged("watcher", () -> watcher.execute(new ScheduledEvent())),
        0,
        1,
        TimeUnit.SECONDS);
    schedule.scheduleWithFixedDelay(
        () -> runLogged("dispute keeper", () -> keeper.execute(new ScheduledEvent())),
        5,
        15,
        TimeUnit.SECONDS);
    delivery =
        new Thread(
            () -> {
              while (running.get()) {
                runLogged("processor", () -> queue.deliverOnce(1));
              }
            },
            "tollgate-event-delivery");
    delivery.setDaemon(true);
    delivery.start();
  }

  /** A failed run is logged and the schedule goes on, as the next Lambda invocation would. */
  private void runLogged(String name, Runnable run) {
    if (!running.get()) {
      return;
    }
    try {
      run.run();
    } catch (RuntimeException e) {
      if (running.get()) {
        LOG.warn("{} run failed: {}", name, e.toString());
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    schedule.shutdownNow();
    try {
      schedule.awaitTermination(10, TimeUnit.SECONDS);
      delivery.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
