package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.functions.operator.OperatorAccess;
import dev.tollgate.functions.operator.OperatorReports;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The publisher's reports: revenue, payments, channels, disputes. Present only when an operator
 * token is configured; every route wants it as a bearer token, and only reads.
 */
@Controller("/operator")
@Requires(beans = OperatorReports.class)
public class OperatorController {
  private final OperatorAccess access;
  private final OperatorReports reports;

  public OperatorController(OperatorAccess access, OperatorReports reports) {
    this.access = access;
    this.reports = reports;
  }

  @Get(uri = "/revenue{?from,to,bucketSeconds}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> revenue(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Nullable @QueryValue String bucketSeconds) {
    return authorized(
        authorization,
        () ->
            QueryValues.whole("from", from)
                .flatMap(
                    start ->
                        QueryValues.whole("to", to)
                            .flatMap(
                                end ->
                                    QueryValues.whole("bucketSeconds", bucketSeconds)
                                        .flatMap(bucket -> reports.revenue(start, end, bucket)))),
        OperatorJson::revenue);
  }

  @Get(uri = "/payments{?limit}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> payments(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Nullable @QueryValue String limit) {
    return authorized(
        authorization,
        () -> QueryValues.whole("limit", limit).flatMap(reports::payments),
        OperatorJson::payments);
  }

  @Get(uri = "/channels{?limit,cursor}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> channels(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    return authorized(
        authorization,
        () ->
            QueryValues.whole("limit", limit)
                .flatMap(n -> reports.channels(n, Optional.ofNullable(cursor))),
        OperatorJson::channels);
  }

  @Get(uri = "/disputes", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> disputes(
      @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
    return authorized(authorization, () -> Checked.ok(reports.disputes()), OperatorJson::disputes);
  }

  /** The report, or 401 before anything is read when the token is missing or wrong. */
  private <T> HttpResponse<String> authorized(
      String authorization, Supplier<Checked<T>> report, Function<T, JsonNode> body) {
    Optional<Refusal> refused = access.refusal(authorization);
    if (refused.isPresent()) {
      return Responses.refusal(refused.get()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return Responses.of(report.get(), HttpStatus.OK, body);
  }
}
