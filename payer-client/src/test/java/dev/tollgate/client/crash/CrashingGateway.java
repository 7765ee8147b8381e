package dev.tollgate.client.crash;

import dev.tollgate.core.port.Clock;
import dev.tollgate.functions.GatewayApplication;
import dev.tollgate.functions.config.AwsInterceptors;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The gateway on Netty in a JVM of its own, so that it can really die: the main a {@link
 * GatewayProcess} runs. When armed, {@link HaltOnPaidWrite} is added to the DynamoDB client the
 * gateway builds from its configuration (through {@link AwsInterceptors}). An optional clock ahead
 * of the wall clock stands for a gateway that comes back late.
 *
 * <p>Arguments: the properties file, the port, the crash point ({@code none}, {@code BEFORE_WRITE},
 * {@code AFTER_WRITE}), the paid write to crash at, and the clock's lead in seconds. Prints {@link
 * #READY} once it listens; stops when the JVM that started it ends.
 */
public final class CrashingGateway {
  static final String READY = "tollgate-gateway-ready";

  private CrashingGateway() {}

  public static void main(String[] args) throws IOException {
    // A test JVM that dies without closing this one must not leave a gateway listening behind it.
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: CrashingGateway <properties> <port> <none|BEFORE_WRITE|AFTER_WRITE> <n> <clock"
              + " lead seconds>, got "
              + args.length
              + " argument(s)");
    }
    Map<String, Object> properties = properties(Path.of(args[0]));
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", Integer.parseInt(args[1]));
    String crash = args[2];
    int atPaidWrite = Integer.parseInt(args[3]);
    long clockLead = Long.parseLong(args[4]);

    List<Object> singletons = new ArrayList<>();
    if (!crash.equals("none")) {
      // on the DynamoDB client the gateway builds itself, its timeouts and retries as deployed
      singletons.add(
          AwsInterceptors.forDynamo(new HaltOnPaidWrite(CrashPoint.valueOf(crash), atPaidWrite)));
    }
    if (clockLead != 0) {
      singletons.add(aheadBy(clockLead));
    }
    ApplicationContext context =
        Micronaut.build(new String[0])
            .mainClass(GatewayApplication.class)
            .properties(properties)
            .singletons(singletons.toArray())
            .banner(false)
            .start();
    if (!context.isRunning()) {
      throw new IllegalStateException("the gateway's context did not start");
    }
    System.out.println(READY);
    System.out.flush();
  }

  private static Map<String, Object> properties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    Map<String, Object> out = new HashMap<>();
    p.stringPropertyNames().forEach(name -> out.put(name, p.getProperty(name)));
    return out;
  }

  private static Clock aheadBy(long seconds) {
    return new Clock() {
      @Override
      public long nowSeconds() {
        return nowMillis() / 1000;
      }

      @Override
      public long nowMillis() {
        return System.currentTimeMillis() + seconds * 1000;
      }
    };
  }
}
