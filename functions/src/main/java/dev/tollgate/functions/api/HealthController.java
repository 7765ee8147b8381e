package dev.tollgate.functions.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Liveness: answers as soon as the gateway can route a request, without touching its stores. */
@Controller("/health")
public class HealthController {

  /** The body of a healthy answer. */
  public record Health(String status) {}

  private static final Health OK = new Health("ok");

  @Get(produces = MediaType.APPLICATION_JSON)
  public Health health() {
    return OK;
  }
}
