package dev.tollgate.functions;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route that logs one line from another thread than the one that took the request, for the
 * request-id logging tests; present only when {@value #ENABLED} is true.
 */
@Requires(property = LogProbeController.ENABLED, value = "true")
@Controller("/log-probe")
public class LogProbeController {

  public static final String ENABLED = "tollgate.test.log-probe";
  public static final String MESSAGE = "probe says \"hi\"\non two lines";

  private static final Logger LOG = LoggerFactory.getLogger(LogProbeController.class);

  /** Logs {@link #MESSAGE} and answers with the name of the thread that logged it. */
  @Get(produces = MediaType.TEXT_PLAIN)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public String probe() {
    LOG.info(MESSAGE);
    return Thread.currentThread().getName();
  }
}
