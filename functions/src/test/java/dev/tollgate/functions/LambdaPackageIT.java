package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda deployment package as the Lambda Java runtime sees it: the jars in {@code lib/} of the
 * zip that {@code package} builds, and nothing else. Runs in {@code verify} (failsafe), after the
 * zip exists; the build passes its path in {@code tollgate.lambda.zip}.
 */
class LambdaPackageIT {
  private static final List<String> HANDLERS =
      List.of(
          "dev.tollgate.functions.GatewayHandler",
          "dev.tollgate.functions.events.WatcherHandler",
          "dev.tollgate.functions.events.EventProcessorHandler",
          "dev.tollgate.functions.disputes.DisputeKeeperHandler");
  private static final String REQUEST_HANDLER =
      "com.amazonaws.services.lambda.runtime.RequestHandler";
  private static final String MICRONAUT_SERVICES = "META-INF/micronaut/";
  private static final String BEAN_REFERENCES =
      MICRONAUT_SERVICES + "io.micronaut.inject.BeanDefinitionReference/";

  /** Entries only test-scope artifacts (and the functions module's own tests) carry. */
  private static final List<String> TEST_ONLY_ENTRIES =
      List.of(
          "org/junit/",
          "org/opentest4j/",
          "org/assertj/",
          "org/testcontainers/",
          "com/amazonaws/services/dynamodbv2/local/",
          "com/almworks/sqlite4java/",
          "org/elasticmq/",
          "dev/tollgate/emulators/",
          "dev/tollgate/functions/harness/",
          "dev/tollgate/functions/LambdaInvoker");

  @TempDir static Path unpacked;
  private static Path zip;
  private static List<Path> jars;
  private static URLClassLoader zipOnly;

  @BeforeAll
  static void unpack() throws IOException {
    String location = System.getProperty("tollgate.lambda.zip");
    assertThat(location).as("system property tollgate.lambda.zip (set by the build)").isNotNull();
    zip = Path.of(location);
    assertThat(zip).as("the Lambda package; `package` builds it").isRegularFile();
    jars = new ArrayList<>();
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : entries(archive)) {
        if (entry.isDirectory()) {
          continue;
        }
        Path target = unpacked.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(unpacked)).as(entry.getName()).isTrue();
        Files.createDirectories(target.getParent());
        try (InputStream in = archive.getInputStream(entry)) {
          Files.copy(in, target);
        }
        jars.add(target);
      }
    }
    zipOnly =
        new URLClassLoader(
            jars.stream().map(LambdaPackageIT::url).toArray(URL[]::new),
            ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void closeLoader() throws IOException {
    if (zipOnly != null) {
      zipOnly.close();
    }
  }

  @Test
  void everyFileIsAJarInLib() {
    assertThat(jars).isNotEmpty();
    assertThat(jars)
        .allSatisfy(
            jar -> {
              assertThat(unpacked.relativize(jar.getParent())).hasToString("lib");
              assertThat(jar.getFileName().toString()).endsWith(".jar");
            });
    assertThat(jarNames()).contains("dev.tollgate-functions-" + projectVersion() + ".jar");
  }

  @Test
  void everyHandlerIsARequestHandlerLoadedFromTheZipAlone() throws Exception {
    Class<?> requestHandler = Class.forName(REQUEST_HANDLER, false, zipOnly);
    assertThat(requestHandler.getClassLoader()).isSameAs(zipOnly);
    for (String name : HANDLERS) {
      assertThat(jarsHolding(name.replace('.', '/') + ".class")).as(name).hasSize(1);
      Class<?> handler = Class.forName(name, false, zipOnly);
      assertThat(handler.getClassLoader()).as(name).isSameAs(zipOnly);
      assertThat(requestHandler.isAssignableFrom(handler))
          .as(name + " implements " + REQUEST_HANDLER)
          .isTrue();
    }
  }

  @Test
  void noTestOnlyArtifactIsInside() throws IOException {
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      assertThat(name)
          .doesNotContainIgnoringCase("junit")
          .doesNotContainIgnoringCase("testcontainers")
          .doesNotContainIgnoringCase("DynamoDBLocal")
          .doesNotContainIgnoringCase("assertj")
          .doesNotContainIgnoringCase("elasticmq")
          .doesNotContain("dev.tollgate-emulators")
          .doesNotEndWith("-tests.jar");
      try (ZipFile archive = new ZipFile(jar.toFile())) {
        for (ZipEntry entry : entries(archive)) {
          assertThat(TEST_ONLY_ENTRIES)
              .as(name + " holds " + entry.getName())
              .noneMatch(entry.getName()::startsWith);
        }
      }
    }
  }

  /**
   * Micronaut finds beans, and the context configurer that reads secrets, through these files: a
   * jar built without them starts a context with none of the gateway's beans. The zip's functions
   * jar holds the same ones the compiler wrote.
   */
  @Test
  void theFunctionsJarHoldsMicronautsServiceFiles() throws IOException {
    Path functionsJar = unpacked.resolve("lib/dev.tollgate-functions-" + projectVersion() + ".jar");
    Set<String> inJar = new TreeSet<>();
    try (ZipFile archive = new ZipFile(functionsJar.toFile())) {
      for (ZipEntry entry : entries(archive)) {
        if (entry.getName().startsWith(MICRONAUT_SERVICES) && !entry.isDirectory()) {
          inJar.add(entry.getName());
        }
      }
    }
    Path classes = Path.of(System.getProperty("tollgate.classes.dir"));
    Set<String> written = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes.resolve(MICRONAUT_SERVICES))) {
      files
          .filter(Files::isRegularFile)
          .forEach(file -> written.add(classes.relativize(file).toString().replace('\\', '/')));
    }
    assertThat(inJar).isEqualTo(written);
    assertThat(inJar)
        .anyMatch(
            n -> n.startsWith(BEAN_REFERENCES + "dev.tollgate.functions.config.$GatewayFactory"))
        .contains(
            MICRONAUT_SERVICES
                + "io.micronaut.context.ApplicationContextConfigurer/"
                + "dev.tollgate.functions.config.SecretsContextConfigurer");
  }

  /**
   * The runtime's path, end to end on the zip's classes: the no-argument constructor builds the
   * context from the packaged configuration, and {@code /health} answers.
   */
  @Test
  void theGatewayHandlerAnswersHealthFromTheZipAlone() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(zipOnly);
    try {
      Class<?> handlerClass = Class.forName(HANDLERS.get(0), true, zipOnly);
      Object handler = handlerClass.getConstructor().newInstance();
      try {
        Method handle =
            handlerClass.getMethod(
                "handleRequest",
                zipClass("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent"),
                zipClass("com.amazonaws.services.lambda.runtime.Context"));
        Object response = handle.invoke(handler, healthEvent(), lambdaContext());
        assertThat(response.getClass().getMethod("getStatusCode").invoke(response)).isEqualTo(200);
        assertThat(response.getClass().getMethod("getBody").invoke(response))
            .isEqualTo("{\"status\":\"ok\"}");
      } finally {
        ((AutoCloseable) handler).close();
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Object healthEvent() throws Exception {
    String events = "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent";
    Object http = newZipObject(events + "$RequestContext$Http");
    call(http, "setMethod", String.class, "GET");
    call(http, "setPath", String.class, "/health");
    call(http, "setProtocol", String.class, "HTTP/1.1");
    call(http, "setSourceIp", String.class, "127.0.0.1");
    Object requestContext = newZipObject(events + "$RequestContext");
    call(requestContext, "setHttp", http.getClass(), http);
    call(requestContext, "setRequestId", String.class, "LambdaPackageIT=");
    call(requestContext, "setRouteKey", String.class, "$default");
    call(requestContext, "setStage", String.class, "$default");
    Object event = newZipObject(events);
    call(event, "setVersion", String.class, "2.0");
    call(event, "setRouteKey", String.class, "$default");
    call(event, "setRawPath", String.class, "/health");
    call(event, "setRawQueryString", String.class, "");
    call(event, "setHeaders", Map.class, Map.of("accept", "application/json"));
    call(event, "setRequestContext", requestContext.getClass(), requestContext);
    return event;
  }

  /** The few things a handler asks of the runtime's context; the rest answers null. */
  private static Object lambdaContext() throws ClassNotFoundException {
    Class<?> context = zipClass("com.amazonaws.services.lambda.runtime.Context");
    InvocationHandler answers =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "getAwsRequestId" -> "lambda-package-it";
              case "getFunctionName" -> "GatewayHandler";
              case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 30_000;
              case "toString" -> "LambdaPackageIT context";
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> null;
            };
    return Proxy.newProxyInstance(zipOnly, new Class<?>[] {context}, answers);
  }

  private static Class<?> zipClass(String name) throws ClassNotFoundException {
    return Class.forName(name, true, zipOnly);
  }

  private static Object newZipObject(String name) throws Exception {
    return zipClass(name).getConstructor().newInstance();
  }

  private static void call(Object target, String setter, Class<?> type, Object value)
      throws Exception {
    target.getClass().getMethod(setter, type).invoke(target, value);
  }

  private static List<String> jarsHolding(String entry) throws IOException {
    List<String> holding = new ArrayList<>();
    for (Path jar : jars) {
      try (ZipFile archive = new ZipFile(jar.toFile())) {
        if (archive.getEntry(entry) != null) {
          holding.add(jar.getFileName().toString());
        }
      }
    }
    return holding;
  }

  private static List<String> jarNames() {
    return jars.stream().map(jar -> jar.getFileName().toString()).toList();
  }

  /** The zip is named functions-VERSION-lambda.zip. */
  private static String projectVersion() {
    String name = zip.getFileName().toString();
    return name.substring("functions-".length(), name.length() - "-lambda.zip".length());
  }

  private static List<? extends ZipEntry> entries(ZipFile archive) {
    List<ZipEntry> all = new ArrayList<>();
    Enumeration<? extends ZipEntry> e = archive.entries();
    while (e.hasMoreElements()) {
      all.add(e.nextElement());
    }
    return all;
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }
}
