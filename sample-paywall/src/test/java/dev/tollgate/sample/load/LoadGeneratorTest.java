package dev.tollgate.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.sample.SharedStack;
import dev.tollgate.sample.dev.LocalStack;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator against the module's shared local stack, at a size that takes seconds: it must
 * finish with every call answered and every channel audited, and its audit must catch a payment
 * counted wrongly.
 */
class LoadGeneratorTest {
  @Test
  void aShortRunServesEveryCallAndAuditsEveryChannel(@TempDir Path dir) throws Exception {
    LocalStack stack = SharedStack.get();
    LoadOptions options =
        new LoadOptions(2, 2, 1, 0, 0, 30, Optional.of(stack.gatewayUrl()), stack.siteUrl(), dir);

    assertThat(LoadGenerator.run(options)).as("the run's verdict").isTrue();

    String report = Files.readString(dir.resolve("load-report.md"));
    assertThat(report)
        .contains("(c) unpaid, free route, 2 threads")
        .contains("(b) paid, 1 channel, sequential")
        .contains("(a) paid, 2 channels, 2 threads")
        .contains("paid request alone")
        .contains("402 quote alone")
        .contains("Audit: 3 channels")
        .contains("every channel equals the gateway's");
  }

  @Test
  void theAuditFindsACallCountedTwiceAndADepositMisstated(@TempDir Path dir) throws Exception {
    LocalStack stack = SharedStack.get();
    HttpClient plain = HttpClient.newHttpClient();
    TimedHttpClient http = new TimedHttpClient(plain, new Latencies(), new Latencies());
    List<Payer> payers = Payers.open(1, stack.gatewayUrl(), stack.siteUrl(), http, dir, 1);
    Payer payer = payers.get(0);
    URI demo = stack.gatewayUrl().resolve(LocalStack.DEMO_ROUTE + "audit");
    HttpResponse<String> r =
        payer
            .client()
            .send(HttpRequest.newBuilder(demo).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    payer.served();
    assertThat(ChannelAudit.problems(payers, LocalStack.DEMO_PRICE)).isEmpty();

    payer.served();
    assertThat(ChannelAudit.problems(payers, LocalStack.DEMO_PRICE))
        .singleElement()
        .asString()
        .contains("the gateway holds 1000 but 2 calls were served at 1000 (owed 2000)");

    Payer misstated = new Payer(payer.client(), payer.deposit().add(BigInteger.ONE));
    misstated.served();
    assertThat(ChannelAudit.problems(List.of(misstated), LocalStack.DEMO_PRICE))
        .singleElement()
        .asString()
        .contains("the deposit was " + payer.deposit().add(BigInteger.ONE));
  }
}
