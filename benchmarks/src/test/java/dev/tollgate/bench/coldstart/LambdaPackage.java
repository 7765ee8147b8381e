package dev.tollgate.bench.coldstart;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The functions module's Lambda package unpacked as Lambda unpacks it into {@code /var/task}, and
 * the Lambda Java runtime's own jars (the runtime interface client and what its manifest names),
 * which Lambda keeps apart from the package, in {@code /var/runtime/lib}.
 *
 * @param taskRoot the unpacked package: {@code lib/*.jar}
 * @param runtimeJars the runtime's classpath
 */
record LambdaPackage(Path taskRoot, List<Path> runtimeJars) {
  /** Where the build puts the package; {@code ./mvnw -pl functions -am package} builds it. */
  static final String ZIP_PROPERTY = "tollgate.lambda.zip";

  /** Where the benchmarks build copies the runtime's jars (its {@code lambda-runtime} step). */
  static final String RUNTIME_PROPERTY = "tollgate.lambda.runtime";

  static final String RUNTIME_CLIENT_MAIN =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /**
   * The package named by {@value #ZIP_PROPERTY} (default: the one zip matching {@code
   * functions/target/functions-*-lambda.zip}) unpacked under {@code into}, with the runtime jars of
   * {@value #RUNTIME_PROPERTY} (default {@code benchmarks/target/lambda-runtime}).
   */
  static LambdaPackage unpack(Path into) throws IOException {
    Path zip = zip();
    Path runtime =
        Path.of(System.getProperty(RUNTIME_PROPERTY, "benchmarks/target/lambda-runtime"));
    List<Path> runtimeJars = jarsIn(runtime);
    if (runtimeJars.stream().noneMatch(j -> j.getFileName().toString().contains("interface"))) {
      throw new IllegalStateException(
          runtime.toAbsolutePath()
              + " holds no aws-lambda-java-runtime-interface-client jar; run"
              + " `./mvnw -pl benchmarks -am package -DskipTests` first");
    }
    Path taskRoot = Files.createDirectories(into.toAbsolutePath().resolve("task"));
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path target = taskRoot.resolve(entry.getName()).normalize();
        if (!target.startsWith(taskRoot)) {
          throw new IOException("zip entry " + entry.getName() + " escapes the task root");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = archive.getInputStream(entry)) {
          Files.copy(in, target);
        }
      }
    }
    if (jarsIn(taskRoot.resolve("lib")).isEmpty()) {
      throw new IllegalStateException(zip + " holds no lib/*.jar");
    }
    return new LambdaPackage(taskRoot, runtimeJars);
  }

  private static Path zip() throws IOException {
    String named = System.getProperty(ZIP_PROPERTY);
    if (named != null) {
      Path zip = Path.of(named);
      if (!Files.isRegularFile(zip)) {
        throw new IllegalStateException(ZIP_PROPERTY + " names no file: " + zip.toAbsolutePath());
      }
      return zip;
    }
    Path target = Path.of("functions/target");
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> zips =
          Files.newDirectoryStream(target, "functions-*-lambda.zip")) {
        zips.forEach(found::add);
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected one functions-*-lambda.zip in "
              + target.toAbsolutePath()
              + ", found "
              + found
              + "; run `./mvnw -pl benchmarks -am package -DskipTests` from the repository root"
              + " or name the zip with -D"
              + ZIP_PROPERTY);
    }
    return found.get(0);
  }

  private static List<Path> jarsIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jar"))
          .map(Path::toAbsolutePath)
          .sorted()
          .toList();
    }
  }

  /** The runtime's classpath, as {@code java -cp} takes it. */
  String runtimeClasspath() {
    return String.join(File.pathSeparator, runtimeJars.stream().map(Path::toString).toList());
  }
}
