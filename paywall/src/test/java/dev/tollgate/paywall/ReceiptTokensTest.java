package dev.tollgate.paywall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReceiptTokensTest {
  private static final String ARTICLE = "http://127.0.0.1:3000/articles/a/content";
  private final ReceiptTokens tokens = new ReceiptTokens(new byte[32]);
  private final Receipt receipt = new Receipt(ARTICLE, "0xabc", "0xpayer", 1_000);

  @Test
  void aReceiptOpensItsResourceUntilItExpires() {
    String token = tokens.issue(receipt);
    assertThat(tokens.verify(token, ARTICLE, 999)).contains(receipt);
    assertThat(tokens.verify(token, ARTICLE, 1_000)).isEmpty();
  }

  @Test
  void aReceiptOpensNoOtherResource() {
    assertThat(tokens.verify(tokens.issue(receipt), ARTICLE.replace("/a/", "/b/"), 1)).isEmpty();
  }

  @Test
  void anAlteredOrForeignReceiptOpensNothing() {
    String token = tokens.issue(receipt);
    String body = token.substring(0, token.indexOf('.'));
    String longer =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(body)).replace("1000", "9999").getBytes());
    assertThat(tokens.verify(longer + token.substring(token.indexOf('.')), ARTICLE, 1)).isEmpty();
    byte[] otherSecret = new byte[32];
    otherSecret[0] = 1;
    assertThat(new ReceiptTokens(otherSecret).verify(token, ARTICLE, 1)).isEmpty();
    assertThat(tokens.verify("not-a-token", ARTICLE, 1)).isEmpty();
    assertThat(tokens.verify("a.b.c", ARTICLE, 1)).isEmpty();
    assertThat(tokens.verify("x".repeat(5_000), ARTICLE, 1)).isEmpty();
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new ReceiptTokens(new byte[16]))
        .hasMessageContaining("at least 32 bytes, got 16");
  }
}
