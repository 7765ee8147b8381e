package dev.tollgate.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsManagerPropertiesTest {
  private static MotoSecrets moto;
  private SecretsManagerProperties secrets;

  @BeforeAll
  static void start() {
    moto = MotoSecrets.start();
  }

  @AfterAll
  static void stop() {
    moto.close();
  }

  @BeforeEach
  void loader() {
    secrets = new SecretsManagerProperties(moto.client());
  }

  @Test
  void eachSecretsTextIsItsPropertyByArnOrByName() {
    String paywall = MotoSecrets.randomHex();
    String token = "operator-" + MotoSecrets.randomHex();
    String paywallArn = moto.storeText(unique("paywall"), paywall + "\n");
    String tokenName = unique("token");
    moto.storeText(tokenName, "  " + token);

    Map<String, Object> properties =
        secrets.load(
            List.of(
                new SecretReference("tollgate.paywall.secret", paywallArn),
                new SecretReference("tollgate.operator.token", tokenName)));

    assertThat(properties)
        .containsExactly(
            Map.entry("tollgate.paywall.secret", paywall),
            Map.entry("tollgate.operator.token", token));
  }

  @Test
  void aMissingSecretFailsNamingThePropertyAndTheIdButNoValue() {
    String paywall = MotoSecrets.randomHex();
    String paywallArn = moto.storeText(unique("paywall"), paywall);
    String missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + unique("gone");

    SecretUnavailableException e =
        catchThrowableOfType(
            SecretUnavailableException.class,
            () ->
                secrets.load(
                    List.of(
                        new SecretReference("tollgate.paywall.secret", paywallArn),
                        new SecretReference("tollgate.operator.token", missing))));

    assertThat(e)
        .hasMessageStartingWith("tollgate.operator.token: secret '" + missing + "' was not found")
        .hasMessageEndingWith("(from TOLLGATE_SECRET_ARNS)");
    assertThat(e.reference()).isEqualTo(new SecretReference("tollgate.operator.token", missing));
    assertThat(messages(e)).noneMatch(m -> m.contains(paywall));
  }

  @Test
  void aBinaryOnlySecretFailsWithoutShowingItsBytes() {
    byte[] binary = MotoSecrets.randomHex().getBytes(StandardCharsets.US_ASCII);
    String arn = moto.storeBinary(unique("binary"), binary);

    SecretUnavailableException e =
        catchThrowableOfType(
            SecretUnavailableException.class,
            () -> secrets.load(List.of(new SecretReference("tollgate.paywall.secret", arn))));

    assertThat(e)
        .hasMessage(
            "tollgate.paywall.secret: secret '"
                + arn
                + "' has no SecretString (a binary secret?): store the value as text (from"
                + " TOLLGATE_SECRET_ARNS)");
    assertThat(messages(e))
        .noneMatch(m -> m.contains(new String(binary, StandardCharsets.US_ASCII)));
  }

  @Test
  void aBlankSecretFails() {
    String arn = moto.storeText(unique("blank"), " \n ");

    assertThat(
            catchThrowableOfType(
                SecretUnavailableException.class,
                () -> secrets.load(List.of(new SecretReference("tollgate.operator.token", arn)))))
        .hasMessage(
            "tollgate.operator.token: secret '" + arn + "' is empty (from TOLLGATE_SECRET_ARNS)");
  }

  /**
   * Everything logged while secrets are read, the SDK's debug lines included, names properties and
   * ids only.
   */
  @Test
  void noValueIsLoggedEvenAtDebug() {
    String paywall = MotoSecrets.randomHex();
    String token = "operator-" + MotoSecrets.randomHex();
    String paywallArn = moto.storeText(unique("paywall"), paywall);
    String tokenArn = moto.storeText(unique("token"), token);

    List<ILoggingEvent> events;
    try (LogRecorder recorder = LogRecorder.everything()) {
      secrets.load(
          List.of(
              new SecretReference("tollgate.paywall.secret", paywallArn),
              new SecretReference("tollgate.operator.token", tokenArn)));
      events = recorder.events();
    }

    assertThat(events)
        .anySatisfy(
            event -> {
              assertThat(event.getLoggerName()).isEqualTo("tollgate.config");
              assertThat(event.getFormattedMessage())
                  .isEqualTo("read 2 configuration propert(ies) from Secrets Manager");
              assertThat(Arrays.toString(event.getArgumentArray()))
                  .contains("tollgate.paywall.secret", "tollgate.operator.token", paywallArn);
            });
    // The SDK did log at debug: the check below looks at real lines.
    assertThat(events).anyMatch(event -> event.getLoggerName().startsWith("software.amazon"));
    for (ILoggingEvent event : events) {
      String text = event.getFormattedMessage() + Arrays.toString(event.getArgumentArray());
      assertThat(text).doesNotContain(paywall).doesNotContain(token);
    }
  }

  private static List<String> messages(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    return messages;
  }

  private static String unique(String name) {
    return "tollgate-test-" + name + "-" + UUID.randomUUID();
  }

  /**
   * Every logging event of every logger at DEBUG and above, until closed; the console appenders are
   * set aside meanwhile, so the debug lines do not flood the test output.
   */
  private static final class LogRecorder implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Appender<ILoggingEvent>> setAside = new ArrayList<>();

    static LogRecorder everything() {
      return new LogRecorder();
    }

    private LogRecorder() {
      appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
      appender.start();
      root.iteratorForAppenders().forEachRemaining(setAside::add);
      setAside.forEach(root::detachAppender);
      root.addAppender(appender);
      root.setLevel(Level.DEBUG);
    }

    List<ILoggingEvent> events() {
      return List.copyOf(appender.list);
    }

    @Override
    public void close() {
      root.setLevel(rootLevel);
      root.detachAppender(appender);
      appender.stop();
      setAside.forEach(root::addAppender);
    }
  }
}
