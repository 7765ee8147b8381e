package dev.tollgate.functions.cli;

import java.io.PrintStream;
import java.util.Set;

/** One {@code ./tollgate} subcommand that talks to KMS; {@link CommandRun} runs it. */
sealed interface Command permits GatewayAddress, WrapKey {
  /** The subcommand's name, as typed after {@code ./tollgate}. */
  String name();

  /** The {@code --help} text. */
  String usage();

  /** Options that take a value, besides {@code --region} and {@code --endpoint}. */
  Set<String> valueOptions();

  /**
   * Checks the arguments, then does the work and prints the result on {@code out}. Throws a {@link
   * UsageException} for bad arguments before any call to KMS.
   */
  void execute(CommandArguments arguments, PrintStream out);
}
