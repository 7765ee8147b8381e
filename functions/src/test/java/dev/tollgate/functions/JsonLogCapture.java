package dev.tollgate.functions;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Runs logging on the production {@code logback.xml} (JSON lines on stdout) and captures stdout
 * until closed; closing restores stdout and the quiet test configuration.
 */
final class JsonLogCapture implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private JsonLogCapture() {
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    configure("/logback.xml");
  }

  static JsonLogCapture start() {
    return new JsonLogCapture();
  }

  /** Every captured stdout line, as written. */
  synchronized List<String> lines() {
    System.out.flush();
    String text = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The captured lines that are log events of {@code logger}, parsed; every line must be JSON. */
  List<JsonNode> eventsOf(Class<?> logger) {
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines()) {
      JsonNode event = parse(line);
      if (logger.getName().equals(event.path("logger").asText())) {
        events.add(event);
      }
    }
    return events;
  }

  static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw new AssertionError("not a JSON object: " + line);
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }

  @Override
  public void close() {
    configure("/logback-test.xml");
    System.setOut(originalOut);
  }

  private static void configure(String resource) {
    URL config = Objects.requireNonNull(JsonLogCapture.class.getResource(resource), resource);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new UncheckedIOException(new java.io.IOException(e));
    }
  }
}
