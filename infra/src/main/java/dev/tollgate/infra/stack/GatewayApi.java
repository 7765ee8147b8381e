package dev.tollgate.infra.stack;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The HTTP API in front of the gateway function (payload format 2.0, what {@code GatewayHandler}
 * reads), on one {@code $default} stage with a throttle (a ceiling on what a flood can cost) and
 * access logs. CORS is answered by API Gateway for the publisher sites named in the configuration,
 * with the x402 headers a browser payer must send and read, and its signed channel reads' {@code
 * TOLLGATE-AUTH}.
 */
public final class GatewayApi extends Construct {
  private final HttpApi api;
  private final HttpStage stage;
  private final LogGroup accessLogs;

  public GatewayApi(
      Construct scope,
      String id,
      IFunction gateway,
      List<GatewayRoute> routes,
      List<String> allowedOrigins,
      int rateLimit,
      int burstLimit,
      RetentionDays logRetention) {
    super(scope, id);
    HttpApi.Builder builder =
        HttpApi.Builder.create(this, "Api")
            .description("Tollgate gateway")
            .createDefaultStage(false);
    if (!allowedOrigins.isEmpty()) {
      builder.corsPreflight(
          CorsPreflightOptions.builder()
              .allowOrigins(allowedOrigins)
              .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST))
              // tollgate-auth: the browser payer's signed reads of its own channel
              .allowHeaders(
                  List.of("content-type", "authorization", "payment-signature", "tollgate-auth"))
              .exposeHeaders(List.of("payment-required", "payment-response"))
              .maxAge(Duration.hours(1))
              .build());
    }
    api = builder.build();
    accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(logRetention)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
    stage =
        HttpStage.Builder.create(this, "Stage")
            .httpApi(api)
            .stageName("$default")
            .autoDeploy(true)
            .throttle(
                ThrottleSettings.builder().rateLimit(rateLimit).burstLimit(burstLimit).build())
            .accessLogSettings(
                new IAccessLogSettings() {
                  @Override
                  public IAccessLogDestination getDestination() {
                    return destination;
                  }

                  @Override
                  public AccessLogFormat getFormat() {
                    return AccessLogFormat.custom(
                        "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                            + "\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
                            + "\"latencyMs\":\"$context.responseLatency\","
                            + "\"integrationLatencyMs\":\"$context.integration.latency\","
                            + "\"integrationError\":\"$context.integrationErrorMessage\"}");
                  }
                })
            .build();
    HttpLambdaIntegration integration =
        HttpLambdaIntegration.Builder.create("Gateway", gateway)
            .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
            .build();
    for (GatewayRoute route : routes) {
      api.addRoutes(
          AddRoutesOptions.builder()
              .path(route.path())
              .methods(List.of(route.method()))
              .integration(integration)
              .build());
    }
  }

  public HttpStage stage() {
    return stage;
  }

  /** The stage's URL, ending in '/'. */
  public String url() {
    return stage.getUrl();
  }
}
