package dev.tollgate.functions.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tollgate.functions.paywall.QuoteNonces;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a snapshot freezes, and what the restore hook draws afresh. A snapshot is modelled by two
 * generators in the same state (SHA1PRNG seeded alike, before any draw): what one environment holds
 * after restoring, and the copy every other environment restored from the same snapshot holds.
 */
class GatewayPrimingRestoreTest {
  private static final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> UNUSED =
      (event, context) -> {
        throw new AssertionError("the restore hook sends no request");
      };

  private static SecureRandom frozen() throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed("the state a snapshot holds".getBytes(StandardCharsets.US_ASCII));
    return random;
  }

  private static GatewayPriming primingOf(QuoteNonces nonces) {
    return new GatewayPriming(UNUSED, Optional.empty(), Optional.empty(), Optional.of(nonces));
  }

  @Test
  void withoutARestoreTwoEnvironmentsOfOneSnapshotDrawTheSameNonces() throws Exception {
    QuoteNonces one = new QuoteNonces(frozen(), SecureRandom::new);
    QuoteNonces other = new QuoteNonces(frozen(), SecureRandom::new);

    assertThat(one.next()).isEqualTo(other.next());
    assertThat(one.next()).isEqualTo(other.next());
  }

  @Test
  void afterRestoreTheNextNonceIsNotTheOneTheSnapshotsStateGives() throws Exception {
    QuoteNonces nonces = new QuoteNonces(frozen(), SecureRandom::new);
    SecureRandom copy = frozen();
    byte[] fromCopy = new byte[32];
    copy.nextBytes(fromCopy);
    assertThat(nonces.next().toArray()).as("the copy is the snapshot's state").isEqualTo(fromCopy);

    primingOf(nonces).afterRestore(null);

    copy.nextBytes(fromCopy);
    assertThat(nonces.next().toArray()).isNotEqualTo(fromCopy);
  }

  @Test
  void twoEnvironmentsRestoredFromOneSnapshotDrawDistinctNonces() throws Exception {
    QuoteNonces one = new QuoteNonces(frozen(), SecureRandom::new);
    QuoteNonces other = new QuoteNonces(frozen(), SecureRandom::new);

    primingOf(one).afterRestore(null);
    primingOf(other).afterRestore(null);

    assertThat(one.next()).isNotEqualTo(other.next());
  }

  @Test
  void aSourceThatGivesNoGeneratorIsNamed() throws Exception {
    QuoteNonces nonces = new QuoteNonces(frozen(), () -> null);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> primingOf(nonces).afterRestore(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("quote nonce source");
  }
}
