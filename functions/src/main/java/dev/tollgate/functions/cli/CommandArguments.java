package dev.tollgate.functions.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A command's options, parsed strictly: {@code --name value} or {@code --name=value} for options
 * that take a value, {@code --name} alone for switches. Anything else (an unknown option, a
 * positional word, an option given twice, a value missing or empty) is a {@link UsageException}
 * naming it, so a typo never falls back to a default.
 */
public final class CommandArguments {
  private final Map<String, String> values;
  private final Set<String> switches;

  private CommandArguments(Map<String, String> values, Set<String> switches) {
    this.values = Map.copyOf(values);
    this.switches = Set.copyOf(switches);
  }

  /**
   * @param valueOptions options that take a value, each spelled with its leading {@code --}
   * @param switchOptions options that take none
   */
  public static CommandArguments parse(
      List<String> args, Set<String> valueOptions, Set<String> switchOptions) {
    Objects.requireNonNull(args, "args is missing");
    Map<String, String> values = new HashMap<>();
    Set<String> switches = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = Objects.requireNonNull(args.get(i), "argument " + i + " is null");
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "' (options start with --)");
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (switchOptions.contains(name)) {
        if (equals >= 0) {
          throw new UsageException(name + " takes no value, got '" + arg + "'");
        }
        if (!switches.add(name)) {
          throw new UsageException(name + " is given twice");
        }
        continue;
      }
      if (!valueOptions.contains(name)) {
        throw new UsageException("unknown option " + name);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new UsageException(name + " needs a value");
      }
      if (value.isBlank()) {
        throw new UsageException(name + " is empty");
      }
      if (values.putIfAbsent(name, value) != null) {
        throw new UsageException(name + " is given twice");
      }
    }
    return new CommandArguments(values, switches);
  }

  /** Whether {@code args} ask for help, wherever the request stands and whatever else is wrong. */
  public static boolean asksForHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  public Optional<String> value(String option) {
    return Optional.ofNullable(values.get(option));
  }

  /** The option's value, or a {@link UsageException} saying it is missing and {@code why}. */
  public String required(String option, String why) {
    String value = values.get(option);
    if (value == null) {
      throw new UsageException(option + " is missing: " + why);
    }
    return value;
  }

  public boolean isSet(String option) {
    return switches.contains(option);
  }
}
