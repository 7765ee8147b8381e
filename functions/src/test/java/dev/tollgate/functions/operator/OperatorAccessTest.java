package dev.tollgate.functions.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.functions.refusal.GatewayReason;
import org.junit.jupiter.api.Test;

class OperatorAccessTest {
  private static final String TOKEN = "s3cret-operator-token-0123456789";
  private final OperatorAccess access = new OperatorAccess(TOKEN);

  @Test
  void onlyTheBearerTokenItselfIsAdmitted() {
    assertThat(access.refusal("Bearer " + TOKEN)).isEmpty();
    assertThat(access.refusal("bearer " + TOKEN)).as("the scheme is case-insensitive").isEmpty();

    for (String wrong :
        new String[] {
          null,
          "",
          "Bearer",
          "Bearer ",
          "Basic " + TOKEN,
          TOKEN,
          "Bearer " + TOKEN + "x",
          "Bearer " + TOKEN.substring(1),
          "Bearer " + TOKEN.toUpperCase()
        }) {
      assertThat(access.refusal(wrong))
          .as("Authorization: %s", wrong)
          .hasValueSatisfying(r -> assertThat(r.is(GatewayReason.UNAUTHORIZED)).isTrue());
    }
    assertThat(access.refusal(null).orElseThrow().httpStatus()).isEqualTo(401);
    assertThat(access.refusal("Bearer nope").orElseThrow().detail()).doesNotContain(TOKEN);
  }

  @Test
  void aShortTokenIsRefusedAtStartup() {
    assertThatThrownBy(() -> new OperatorAccess("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 characters, got 5");
    assertThatThrownBy(() -> new OperatorAccess("                    "))
        .hasMessageContaining("got 0");
  }
}
