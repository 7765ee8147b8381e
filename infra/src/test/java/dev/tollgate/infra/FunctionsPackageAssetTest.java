package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.properties;
import static dev.tollgate.infra.TemplateJson.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.infra.stack.FunctionSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The code every function runs is the functions module's packaged zip, byte for byte, and each
 * handler the template names is a class inside it.
 */
class FunctionsPackageAssetTest {

  @Test
  void theStagedAssetIsThePackagedZip() throws Exception {
    Path outdir = Path.of("target", "cdk-test-kms");
    String s3Key =
        String.valueOf(
            map(properties(
                        resources(Deployments.kms().template(), "AWS::Lambda::Function")
                            .values()
                            .iterator()
                            .next())
                    .get("Code"))
                .get("S3Key"));
    String assetHash = s3Key.replace(".zip", "");
    Path staged = outdir.resolve("asset." + assetHash + ".zip");
    assertThat(staged).as("the asset staged for upload").isRegularFile();
    assertThat(sha256(staged)).isEqualTo(sha256(FunctionsPackage.path()));
  }

  @Test
  void everyHandlerIsAClassInThePackage() throws Exception {
    Path zip = FunctionsPackage.path();
    try (ZipFile outer = new ZipFile(zip.toFile())) {
      ZipEntry functionsJar =
          outer.stream()
              .filter(e -> e.getName().matches("lib/dev\\.tollgate-functions-[^/]*\\.jar"))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no lib/dev.tollgate-functions-*.jar in " + zip));
      List<String> classes;
      try (InputStream in = outer.getInputStream(functionsJar);
          ZipInputStream jar = new ZipInputStream(in)) {
        Stream.Builder<String> names = Stream.builder();
        for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
          names.add(e.getName());
        }
        classes = names.build().toList();
      }
      for (FunctionSpec spec :
          List.of(
              FunctionSpec.GATEWAY,
              FunctionSpec.WATCHER,
              FunctionSpec.PROCESSOR,
              FunctionSpec.KEEPER)) {
        assertThat(classes).contains(spec.handler().replace('.', '/') + ".class");
      }
    }
    Map<String, Object> anyFunction =
        properties(
            resources(Deployments.kms().template(), "AWS::Lambda::Function")
                .values()
                .iterator()
                .next());
    assertThat(String.valueOf(map(anyFunction.get("Code")).get("S3Key"))).endsWith(".zip");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
