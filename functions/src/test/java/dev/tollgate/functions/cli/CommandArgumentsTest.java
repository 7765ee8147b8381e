package dev.tollgate.functions.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandArgumentsTest {
  private static final Set<String> VALUES = Set.of("--key", "--region");
  private static final Set<String> SWITCHES = Set.of("--json");

  private static CommandArguments parse(String... args) {
    return CommandArguments.parse(List.of(args), VALUES, SWITCHES);
  }

  @Test
  void readsValuesInEitherSpellingAndSwitches() {
    CommandArguments arguments = parse("--key", "alias/gateway", "--region=eu-west-1", "--json");

    assertThat(arguments.value("--key")).contains("alias/gateway");
    assertThat(arguments.value("--region")).contains("eu-west-1");
    assertThat(arguments.isSet("--json")).isTrue();
  }

  @Test
  void anAbsentOptionIsEmptyAndAnUnsetSwitchIsFalse() {
    CommandArguments arguments = parse("--key", "k");

    assertThat(arguments.value("--region")).isEmpty();
    assertThat(arguments.isSet("--json")).isFalse();
  }

  @Test
  void keepsEverythingAfterTheFirstEqualsSignAsTheValue() {
    // base64 ends in '=' padding; only the first '=' separates the name
    assertThat(parse("--key=AQID==").value("--key")).contains("AQID==");
  }

  @Test
  void aValueMayStartWithASingleDash() {
    assertThat(parse("--key", "-1").value("--key")).contains("-1");
  }

  @Test
  void requiredNamesTheMissingOptionAndWhyItIsNeeded() {
    CommandArguments arguments = parse("--json");

    assertThatThrownBy(() -> arguments.required("--key", "it names the key"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--key is missing: it names the key");
    assertThat(parse("--key", "k").required("--key", "unused")).isEqualTo("k");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--kye k                | unknown option --kye",
        "--kye=k                | unknown option --kye",
        "k                      | unexpected argument 'k' (options start with --)",
        "--key k extra          | unexpected argument 'extra' (options start with --)",
        "--                     | unexpected argument '--' (options start with --)",
        "--key                  | --key needs a value",
        "--key --json           | --key needs a value",
        "--key=                 | --key is empty",
        "--key k --key=j        | --key is given twice",
        "--json --json          | --json is given twice",
        "--json=yes             | --json takes no value, got '--json=yes'",
      })
  void refusesABadCommandLineNamingWhatIsWrong(String line, String message) {
    String[] args = line.split(" ");

    assertThatThrownBy(() -> parse(args)).isInstanceOf(UsageException.class).hasMessage(message);
  }

  @Test
  void refusesABlankValue() {
    assertThatThrownBy(() -> parse("--key", "  "))
        .isInstanceOf(UsageException.class)
        .hasMessage("--key is empty");
  }

  @Test
  void helpIsSeenAnywhereEvenAmongBadArguments() {
    assertThat(CommandArguments.asksForHelp(List.of("--kye", "k", "--help"))).isTrue();
    assertThat(CommandArguments.asksForHelp(List.of("-h"))).isTrue();
    assertThat(CommandArguments.asksForHelp(List.of("--key", "k", "--json"))).isFalse();
  }
}
