package dev.tollgate.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretReferencesTest {
  private static final String PAYWALL_ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tollgate-paywall-AbCdEf";

  @Test
  void pairsAreReadInOrderSpacesIgnoredAndANameMayHoldAnEqualsSign() {
    assertThat(
            SecretReferences.parse(
                " tollgate.paywall.secret = " + PAYWALL_ARN + " , tollgate.operator.token=ops=1"))
        .containsExactly(
            new SecretReference("tollgate.paywall.secret", PAYWALL_ARN),
            new SecretReference("tollgate.operator.token", "ops=1"));
    assertThat(SecretReferences.parse("tollgate.operator.token=ops"))
        .containsExactly(new SecretReference("tollgate.operator.token", "ops"));
  }

  @Test
  void anEmptyPairIsRefusedByItsNumber() {
    assertRefused(
        "tollgate.a=x,,tollgate.b=y", "pair 2 (''): empty (a doubled comma, or one at an end?)");
    assertRefused("tollgate.a=x,", "pair 2 (''): empty (a doubled comma, or one at an end?)");
  }

  @Test
  void aPairWithoutPropertyOrSecretIdIsRefused() {
    assertRefused(
        "tollgate.a=x,tollgate.b", "pair 2 ('tollgate.b'): no '=': expected property=secretId");
    assertRefused("=arn:x", "pair 1 ('=arn:x'): no property before '='");
    assertRefused(
        "tollgate.operator.token= ",
        "pair 1 ('tollgate.operator.token='): property 'tollgate.operator.token' has no secret id");
  }

  @Test
  void aPropertyOutsideTheGatewaysOwnIsRefused() {
    assertRefused(
        "tollgate.a=x,micronaut.server.port=arn:x",
        "pair 2 ('micronaut.server.port=arn:x'): property 'micronaut.server.port' is not under"
            + " tollgate.");
    assertRefused(
        "tollgate.=arn:x",
        "pair 1 ('tollgate.=arn:x'): property 'tollgate.' is not under tollgate.");
    assertRefused(
        "tollgate.a b=arn:x",
        "pair 1 ('tollgate.a b=arn:x'): property 'tollgate.a b' contains whitespace");
  }

  @Test
  void aRepeatedPropertyIsRefusedNamingBothPairs() {
    assertRefused(
        "tollgate.a=x,tollgate.b=y, tollgate.a =z",
        "pair 3 ('tollgate.a =z'): property 'tollgate.a' was already given by pair 1");
  }

  @Test
  void aBlankValueIsRefusedRatherThanTakenAsNoSecrets() {
    assertThatThrownBy(() -> SecretReferences.parse("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TOLLGATE_SECRET_ARNS is set but empty: unset it to read no secrets");
  }

  private static void assertRefused(String value, String problem) {
    assertThatThrownBy(() -> SecretReferences.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TOLLGATE_SECRET_ARNS: " + problem);
  }
}
