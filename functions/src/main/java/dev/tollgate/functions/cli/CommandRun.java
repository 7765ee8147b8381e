package dev.tollgate.functions.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs a {@link Command} and turns its outcome into an exit status: 0 done, 1 KMS refused or could
 * not be reached (its message on stderr, without a stack trace: the operator needs the reason, not
 * the SDK's frames), 2 bad arguments.
 */
final class CommandRun {
  static final String JSON = "--json";
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private CommandRun() {}

  static int run(Command command, List<String> args, PrintStream out, PrintStream err) {
    if (CommandArguments.asksForHelp(args)) {
      out.print(command.usage());
      out.flush();
      return OK;
    }
    String prefix = "tollgate " + command.name() + ": ";
    try {
      Set<String> valueOptions = new HashSet<>(command.valueOptions());
      valueOptions.add(KmsConnection.REGION);
      valueOptions.add(KmsConnection.ENDPOINT);
      command.execute(CommandArguments.parse(args, valueOptions, Set.of(JSON)), out);
      out.flush();
      return OK;
    } catch (UsageException e) {
      err.println(prefix + e.getMessage());
      err.println("(./tollgate " + command.name() + " --help lists the options)");
      return USAGE;
    } catch (AwsServiceException e) {
      err.println(prefix + "KMS refused: " + describe(e));
      return FAILED;
    } catch (SdkClientException e) {
      err.println(prefix + "could not call KMS: " + e.getMessage());
      return FAILED;
    } catch (IllegalArgumentException e) {
      // What the signer adapters throw for a key that KMS serves but that cannot sign (wrong spec
      // or usage, a ciphertext under another key); their messages name the key and the fault.
      err.println(prefix + e.getMessage());
      return FAILED;
    } finally {
      err.flush();
    }
  }

  private static String describe(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    if (details == null || details.errorMessage() == null) {
      return e.getMessage();
    }
    return details.errorCode() + ": " + details.errorMessage();
  }
}
