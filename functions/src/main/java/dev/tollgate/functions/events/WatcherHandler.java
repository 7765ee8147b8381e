package dev.tollgate.functions.events;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda an EventBridge schedule invokes: one {@link ChainWatcher} run per invocation, its
 * report logged as one JSON line and returned. The deployment names this class; the Lambda runtime
 * uses the no-argument constructor. The schedule's event carries nothing the run needs: where to
 * start is the cursor's business.
 *
 * <p>A run that loses the cursor to a concurrent run fails the invocation: its work is the other
 * run's, already published, and the next scheduled run goes on from the stored cursor. The
 * deployment keeps such races rare by allowing one concurrent execution.
 */
public class WatcherHandler extends MicronautRequestHandler<ScheduledEvent, WatchReport> {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.watcher");

  @Inject ChainWatcher watcher;

  /** The Lambda runtime's constructor: builds and starts the context from the configuration. */
  public WatcherHandler() {
    super();
  }

  /** Runs on {@code context}, starting it if it is not running yet. The caller closes it. */
  public WatcherHandler(ApplicationContext context) {
    super(context);
  }

  @Override
  public WatchReport execute(ScheduledEvent schedule) {
    WatchReport report;
    try {
      report = watcher.run();
    } catch (CursorMovedException e) {
      LOG.warn(
          "watcher lost the cursor to another run",
          kv("action", "watch"),
          kv("outcome", "cursor-moved"),
          kv("storedBlock", e.stored().isPresent() ? e.stored().getAsLong() : null));
      throw new IllegalStateException(e.getMessage(), e);
    }
    LOG.info(
        "watcher published {} event(s) from blocks {}..{}",
        report.eventsPublished(),
        report.fromBlock(),
        report.toBlock(),
        kv("action", "watch"),
        kv("headBlock", report.headBlock()),
        kv("safeBlock", report.safeBlock()),
        kv("fromBlock", report.fromBlock()),
        kv("toBlock", report.toBlock()),
        kv("eventsPublished", report.eventsPublished()),
        kv("ranges", report.ranges()),
        kv("caughtUp", report.caughtUp()));
    return report;
  }
}
