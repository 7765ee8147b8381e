package dev.tollgate.functions.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** A command run in this process: its exit status and everything it printed on each stream. */
record CommandResult(int status, String out, String err) {
  // 32 bytes in hex, the shape a printed private key would take; an address is only 20.
  private static final Pattern KEY_SIZED_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  interface Main {
    int run(List<String> args, PrintStream out, PrintStream err);
  }

  static CommandResult run(Main main, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = main.run(List.of(args), outStream, errStream);
    }
    return new CommandResult(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The value on the human-readable line that starts with {@code label}. */
  String line(String label) {
    return out.lines()
        .filter(line -> line.startsWith(label + "  "))
        .map(line -> line.substring(label.length()).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + label + "' in:\n" + this));
  }

  boolean printsKeySizedHex() {
    return KEY_SIZED_HEX.matcher(out).find() || KEY_SIZED_HEX.matcher(err).find();
  }

  @Override
  public String toString() {
    return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
