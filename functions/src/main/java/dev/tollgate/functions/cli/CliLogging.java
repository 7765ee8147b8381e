package dev.tollgate.functions.cli;

/**
 * Points logback at the commands' own configuration before anything logs. Without it the gateway's
 * logback.xml, on the same classpath, would put JSON log lines on stdout among the result.
 */
final class CliLogging {
  private static final String PROPERTY = "logback.configurationFile";
  private static final String CONFIGURATION = "dev/tollgate/functions/cli/cli-logback.xml";

  private CliLogging() {}

  /** Call first in a main, before any AWS SDK class loads; a configuration given with -D wins. */
  static void toStderr() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, CONFIGURATION);
    }
  }
}
