package dev.tollgate.infra.stack;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One of the gateway's Lambda functions: Java 21 on arm64 from the functions module's package,
 * SnapStart on published versions, reached only through its {@code live} alias (so every invocation
 * runs a published, snapshotted version), with its own log group and its own role. The role starts
 * empty: no managed policy (whose log permissions name every log group), only writing to this
 * function's log group; each caller adds what its function uses.
 */
public final class GatewayFunction extends Construct {
  public static final String ALIAS = "live";

  private final Function function;
  private final Alias alias;
  private final Role role;
  private final LogGroup logGroup;

  public GatewayFunction(
      Construct scope,
      FunctionSpec spec,
      Code code,
      Map<String, String> environment,
      int logRetentionDays) {
    super(scope, spec.id());
    logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(retentionOf(logRetentionDays))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("Tollgate " + spec.id() + " function: only what it uses")
            .build();
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logGroup.getLogGroupArn()))
            .build());
    Function.Builder builder =
        Function.Builder.create(this, "Function")
            .description(spec.description())
            .runtime(Runtime.JAVA_21)
            .architecture(Architecture.ARM_64)
            .code(code)
            .handler(spec.handler())
            .memorySize(spec.memoryMb())
            .timeout(Duration.seconds(spec.timeoutSeconds()))
            .environment(environment)
            .role(role)
            .logGroup(logGroup)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
    spec.reservedConcurrency().ifPresent(builder::reservedConcurrentExecutions);
    function = builder.build();
    // Published: every trigger goes through the alias, on a version the CDK publishes.
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "invoked only through the live alias of a published version");
    // SnapStart runs the init phase (which reads the signing key) when a version is published:
    // the version must wait for every statement added to the role, including later ones.
    function.getCurrentVersion().getNode().addDependency(role);
    alias =
        Alias.Builder.create(this, "Alias")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .build();
  }

  public Function function() {
    return function;
  }

  /** What triggers and the API invoke: the published, snapshotted version. */
  public Alias alias() {
    return alias;
  }

  public Role role() {
    return role;
  }

  public LogGroup logGroup() {
    return logGroup;
  }

  /** Adds one statement to this function's role. */
  public void allow(List<String> actions, List<String> resources) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create().actions(actions).resources(resources).build());
  }

  /** The CloudWatch Logs retention of {@code days} days. */
  public static RetentionDays retentionOf(int days) {
    for (RetentionDays r : RetentionDays.values()) {
      if (days(r) == days) {
        return r;
      }
    }
    throw new IllegalArgumentException("no CloudWatch Logs retention of " + days + " days");
  }

  private static int days(RetentionDays r) {
    return switch (r) {
      case ONE_DAY -> 1;
      case THREE_DAYS -> 3;
      case FIVE_DAYS -> 5;
      case ONE_WEEK -> 7;
      case TWO_WEEKS -> 14;
      case ONE_MONTH -> 30;
      case TWO_MONTHS -> 60;
      case THREE_MONTHS -> 90;
      case FOUR_MONTHS -> 120;
      case FIVE_MONTHS -> 150;
      case SIX_MONTHS -> 180;
      case ONE_YEAR -> 365;
      case THIRTEEN_MONTHS -> 400;
      case EIGHTEEN_MONTHS -> 545;
      case TWO_YEARS -> 731;
      case THREE_YEARS -> 1096;
      case FIVE_YEARS -> 1827;
      case SIX_YEARS -> 2192;
      case SEVEN_YEARS -> 2557;
      case EIGHT_YEARS -> 2922;
      case NINE_YEARS -> 3288;
      case TEN_YEARS -> 3653;
      default -> -1;
    };
  }
}
