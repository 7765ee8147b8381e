package dev.tollgate.infra.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A setting's value as the operator gave it: a literal, or the name of an SSM parameter (a context
 * value {@code ssm:/path/name}) that CloudFormation reads when it deploys, so a value can change in
 * Parameter Store and take effect on the next deploy without editing the app's context.
 */
public sealed interface SettingValue {
  String SSM_PREFIX = "ssm:";

  /** An SSM parameter name: a path of letters, digits and {@code _.-/}, starting with '/'. */
  Pattern SSM_NAME = Pattern.compile("/[A-Za-z0-9_.\\-/]{1,1010}");

  record Literal(String value) implements SettingValue {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  record FromSsm(String parameterName) implements SettingValue {
    public FromSsm {
      Objects.requireNonNull(parameterName, "parameterName");
    }
  }

  /**
   * Reads {@code raw} for the setting named {@code key}: {@code ssm:<name>} refers to a parameter,
   * anything else is a literal that {@code checkLiteral} accepts or refuses by name.
   */
  static SettingValue parse(
      String key, String raw, java.util.function.UnaryOperator<String> checkLiteral) {
    String value = raw.trim();
    if (value.startsWith(SSM_PREFIX)) {
      String name = value.substring(SSM_PREFIX.length());
      if (!SSM_NAME.matcher(name).matches()) {
        throw new DeploymentConfigException(
            key
                + " names an SSM parameter that is not a valid parameter path (it must start"
                + " with '/' and hold only letters, digits and _.-/), got '"
                + name
                + "'");
      }
      return new FromSsm(name);
    }
    return new Literal(checkLiteral.apply(value));
  }
}
