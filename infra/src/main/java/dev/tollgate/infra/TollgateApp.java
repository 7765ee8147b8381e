package dev.tollgate.infra;

import dev.tollgate.infra.config.DeploymentConfig;
import dev.tollgate.infra.config.DeploymentConfigException;
import dev.tollgate.infra.stack.TollgateStack;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} run this main (see {@code infra/cdk.json}).
 * Account and region come from the CLI's credentials ({@code CDK_DEFAULT_ACCOUNT}, {@code
 * CDK_DEFAULT_REGION}); the stack's name from {@code -c tollgate:stackName} (default {@code
 * Tollgate}); the Lambda package from {@code -c tollgate:functionsPackage} (default: the functions
 * module's build output).
 */
public final class TollgateApp {
  /** Where the functions module builds its Lambda package, relative to {@code infra/}. */
  public static final Path FUNCTIONS_TARGET = Path.of("..", "functions", "target");

  private TollgateApp() {}

  public static void main(String[] args) {
    App app = new App();
    try {
      build(app);
    } catch (DeploymentConfigException e) {
      System.err.println("tollgate infra: " + e.getMessage());
      System.exit(2);
    }
    app.synth();
  }

  /** Adds the stack that {@code app}'s context describes. */
  @SuppressWarnings("unchecked")
  public static TollgateStack build(App app) {
    Map<String, Object> context =
        new java.util.HashMap<>((Map<String, Object>) app.getNode().getAllContext());
    Object name = context.remove("tollgate:stackName");
    Object pkg = context.remove("tollgate:functionsPackage");
    DeploymentConfig config = DeploymentConfig.read(context);
    String account = System.getenv("CDK_DEFAULT_ACCOUNT");
    String region = System.getenv("CDK_DEFAULT_REGION");
    StackProps.Builder props =
        StackProps.builder()
            .description("Tollgate: a micropayment gateway on Ethereum state channels");
    if (account != null || region != null) {
      props.env(Environment.builder().account(account).region(region).build());
    }
    return new TollgateStack(
        app,
        name == null ? "Tollgate" : name.toString(),
        props.build(),
        config,
        pkg == null ? builtPackage(FUNCTIONS_TARGET) : Path.of(pkg.toString()));
  }

  /** The one {@code functions-<version>-lambda.zip} in {@code target}. */
  static Path builtPackage(Path target) {
    java.util.List<Path> found = new java.util.ArrayList<>();
    try (java.nio.file.DirectoryStream<Path> dir =
        java.nio.file.Files.newDirectoryStream(target, "functions-*-lambda.zip")) {
      dir.forEach(found::add);
    } catch (java.io.IOException e) {
      // Reported below as a missing package.
    }
    if (found.size() != 1) {
      throw new DeploymentConfigException(
          "expected one functions-<version>-lambda.zip in "
              + target.toAbsolutePath().normalize()
              + ", found "
              + found
              + ": build it with ./mvnw -pl functions -am package -DskipTests, or name it with -c"
              + " tollgate:functionsPackage=<path>");
    }
    return found.get(0);
  }
}
