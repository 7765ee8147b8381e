package dev.tollgate.bench.cost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the cost model's tables and writes them to {@code benchmarks/target/cost-model.md} (or the
 * path given as the only argument). Plain Java with no dependencies, so it runs from the compiled
 * classes alone:
 *
 * <pre>
 * javac -d /tmp/tollgate-cost benchmarks/src/main/java/dev/tollgate/bench/cost/*.java
 * java -cp /tmp/tollgate-cost dev.tollgate.bench.cost.CostReport
 * </pre>
 */
public final class CostReport {
  private CostReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 1) {
      throw new IllegalArgumentException(
          "usage: CostReport [output.md]; got " + args.length + " arguments");
    }
    Path out = args.length == 1 ? Path.of(args[0]) : defaultOutput();
    String md = new CostTables(new CostModel(AwsPrices.US_EAST_1), ChainGas.MEASURED).all();
    System.out.println(md);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.println("written to " + out.toAbsolutePath());
  }

  /** From the repository root or from the benchmarks module. */
  private static Path defaultOutput() {
    Path module = Path.of("benchmarks");
    return Files.isDirectory(module)
        ? module.resolve("target/cost-model.md")
        : Path.of("target/cost-model.md");
  }
}
