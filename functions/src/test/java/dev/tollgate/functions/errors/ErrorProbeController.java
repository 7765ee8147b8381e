package dev.tollgate.functions.errors;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.inject.Singleton;

/**
 * Routes that fail the ways Micronaut answers by itself: a bean that throws inside a controller, a
 * JSON body Micronaut parses, a parameter it converts, a header it requires. Present only when
 * {@value #ENABLED} is true, for {@link InternalErrorsRevealNothingTest}.
 */
@Requires(property = ErrorProbeController.ENABLED, value = "true")
@Controller("/error-probe")
public class ErrorProbeController {
  public static final String ENABLED = "tollgate.test.error-probe";

  /** What the failing bean's exception says: none of it may reach a response. */
  public static final String SECRET = "SECRET-7f3a table tollgate-channels key arn:aws:kms:xyz";

  private final FailingBean bean;

  ErrorProbeController(FailingBean bean) {
    this.bean = bean;
  }

  @Get(uri = "/throws", produces = MediaType.APPLICATION_JSON)
  public String throwing() {
    return bean.fail();
  }

  @Post(uri = "/json", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  public String json(@Body Probe body) {
    return "{\"name\":\"" + body.name() + "\"}";
  }

  @Get(uri = "/number", produces = MediaType.APPLICATION_JSON)
  public String number(@QueryValue int n) {
    return "{\"n\":" + n + "}";
  }

  @Get(uri = "/header", produces = MediaType.APPLICATION_JSON)
  public String header(@Header("X-Probe") String probe) {
    return "{\"probe\":\"" + probe + "\"}";
  }

  /** A body Micronaut binds from JSON. */
  public record Probe(String name, int count) {}

  /** A collaborator that fails as a broken dependency would, with internals in its message. */
  @Singleton
  @Requires(property = ErrorProbeController.ENABLED, value = "true")
  public static class FailingBean {
    public String fail() {
      throw new IllegalStateException(SECRET, new java.io.IOException(SECRET + " (cause)"));
    }
  }
}
