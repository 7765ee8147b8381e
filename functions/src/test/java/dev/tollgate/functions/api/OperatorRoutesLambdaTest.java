package dev.tollgate.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.disputes.DisputeBook;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.disputes.DisputeStage;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator routes on the real Lambda handler, after three payers paid for resources of three
 * prices at times the test chose (either side of a UTC midnight), one withdrew, one left a payment
 * locked and one paid by revealing its own preimage later: what the reports say is checked against
 * what was paid, and against the channels' own balances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorRoutesLambdaTest {
  private static final String TOKEN = "operator-token-for-the-tests-0123456789";
  private static final Map<String, String> AUTHORIZED = Map.of("authorization", "Bearer " + TOKEN);
  private static final long MIDNIGHT = 1_767_225_600L; // 2026-01-01T00:00:00Z
  private static final long FROM = MIDNIGHT - 3_600;
  private static final long BUCKET = 1_800;
  private static final long TO = MIDNIGHT + 5_400;
  private static final String ARTICLE = GatewayStack.ARTICLES + "a";
  private static final String PREMIUM = "/paid/premium/p";
  private static final String BRIEF = "/paid/briefs/b";
  private static final Map<String, Long> PRICES =
      Map.of(ARTICLE, GatewayStack.ARTICLE_PRICE.longValueExact(), PREMIUM, 2_500L, BRIEF, 350L);
  private static final long[] DEPOSITS = {100_000, 50_000, 40_000};
  private static final long WITHDRAWN = 20_000;
  private static final long LOCKED = 600;

  /** A payment as the test made it: what the reports must show. */
  private record Made(Bytes32 transferId, HttpPayer payer, long amount, long paidAt) {}

  private final AtomicLong seconds = new AtomicLong(FROM - 7_200);
  private final List<Made> made = new ArrayList<>();
  private final Map<HttpPayer, Long> lastWrite = new HashMap<>();
  private GatewayStack stack;
  private LambdaInvoker lambda;
  private List<HttpPayer> payers;
  private Address disputed;

  @BeforeAll
  void payAtChosenTimes() throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("tollgate.signer.mode", "local");
    settings.put("tollgate.signer.private-key", GatewayStack.GATEWAY_KEY);
    settings.put("tollgate.operator.token", TOKEN);
    settings.put("tollgate.paywall.routes.premium.prefix", "/paid/premium/");
    settings.put("tollgate.paywall.routes.premium.price", "2500");
    settings.put("tollgate.paywall.routes.briefs.prefix", "/paid/briefs/");
    settings.put("tollgate.paywall.routes.briefs.price", "350");
    stack = GatewayStack.start(settings);
    Clock clock = seconds::get;
    stack.register(clock);
    lambda = stack.lambda();
    payers = new ArrayList<>();
    for (long deposit : DEPOSITS) {
      payers.add(HttpPayer.funded(stack, BigInteger.valueOf(deposit)));
    }
    HttpPayer a = payers.get(0);
    HttpPayer b = payers.get(1);
    HttpPayer c = payers.get(2);

    pay(a, ARTICLE, FROM - 1_800); // before the reported range
    pay(a, ARTICLE, FROM + 10);
    pay(b, PREMIUM, FROM + 1_799);
    pay(c, BRIEF, FROM + 1_800);
    Bytes32 preImage = secret(7);
    Bytes32 lockedByA = lock(a, 700, preImage, MIDNIGHT - 600);
    pay(a, PREMIUM, MIDNIGHT - 1);
    pay(b, ARTICLE, MIDNIGHT);
    pay(c, PREMIUM, MIDNIGHT + 900);
    withdraw(b, MIDNIGHT + 1_000);
    lock(b, LOCKED, secret(9), MIDNIGHT + 1_100); // never resolved
    revealLater(a, lockedByA, preImage, 700, MIDNIGHT + 1_200);
    pay(a, BRIEF, MIDNIGHT + 2_400);
    pay(b, BRIEF, TO - 1);
    pay(c, ARTICLE, TO); // at 'to': after the reported range

    seconds.set(TO + 60);
    disputed = c.channel();
    long nonce = c.payer().view().nonce();
    lambda.context().getBean(ChannelStore.class).markDisputed(disputed, nonce);
    lambda
        .context()
        .getBean(DisputeBook.class)
        .save(
            new DisputeRecord(
                disputed,
                nonce,
                c.payer().address(),
                TO + 3_600,
                TO + 7_200,
                DisputeStage.OPEN,
                "disputed at nonce " + nonce,
                TO + 60,
                1));
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void revenueIsWhatWasPaidInTheRangeBucketByBucketWithEmptyBucketsShown() {
    JsonNode revenue =
        ok("/operator/revenue?from=" + FROM + "&to=" + TO + "&bucketSeconds=" + BUCKET);

    assertThat(revenue.get("asset").asText()).isEqualTo(stack.token().toChecksumHex());
    assertThat(revenue.get("from").asLong()).isEqualTo(FROM);
    assertThat(revenue.get("to").asLong()).isEqualTo(TO);
    assertThat(revenue.get("bucketSeconds").asLong()).isEqualTo(BUCKET);
    List<Made> inRange = made.stream().filter(m -> m.paidAt() >= FROM && m.paidAt() < TO).toList();
    assertThat(inRange).hasSize(9);
    assertThat(revenue.get("total").asText()).isEqualTo(Long.toString(sum(inRange)));
    assertThat(revenue.get("payments").asLong()).isEqualTo(inRange.size());

    JsonNode buckets = revenue.get("buckets");
    assertThat(buckets).hasSize(5);
    for (int i = 0; i < 5; i++) {
      long start = FROM + i * BUCKET;
      List<Made> in =
          inRange.stream().filter(m -> m.paidAt() >= start && m.paidAt() < start + BUCKET).toList();
      JsonNode bucket = buckets.get(i);
      assertThat(bucket.get("start").asLong()).isEqualTo(start);
      assertThat(bucket.get("amount").asText())
          .as("bucket %d", i)
          .isEqualTo(Long.toString(sum(in)));
      assertThat(bucket.get("payments").asLong()).as("bucket %d", i).isEqualTo(in.size());
    }
    // By hand, from the schedule: 1000+2500 | 350+2500 | 1000+2500+700 | 350 | 350.
    assertThat(buckets.findValuesAsText("amount"))
        .containsExactly("3500", "2850", "4200", "350", "350");
  }

  @Test
  void theGatewaysBalancesAreItsRevenueAndEveryChannelHoldsWhatWasDeposited() {
    List<JsonNode> channels = allChannels(1);
    assertThat(channels.stream().map(c -> c.get("channelAddress").asText()))
        .containsExactlyInAnyOrderElementsOf(
            payers.stream().map(p -> p.channel().toChecksumHex()).toList());

    BigInteger gatewayHolds = BigInteger.ZERO;
    for (JsonNode channel : channels) {
      int i = indexOf(channel.get("channelAddress").asText());
      HttpPayer payer = payers.get(i);
      assertThat(channel.get("payer").asText()).isEqualTo(payer.payer().address().toChecksumHex());
      assertThat(channel.get("nonce").asLong()).isEqualTo(payer.payer().view().nonce());
      JsonNode balance = channel.get("balances").get(0);
      assertThat(channel.get("balances")).hasSize(1);
      assertThat(balance.get("asset").asText()).isEqualTo(stack.token().toChecksumHex());
      long paidByPayer =
          made.stream().filter(m -> m.payer() == payer).mapToLong(Made::amount).sum();
      long withdrawn = i == 1 ? WITHDRAWN : 0;
      long locked = i == 1 ? LOCKED : 0;
      assertThat(balance.get("gateway").asText()).isEqualTo(Long.toString(paidByPayer));
      assertThat(balance.get("locked").asText()).isEqualTo(Long.toString(locked));
      assertThat(balance.get("payer").asText())
          .isEqualTo(payer.payer().balanceOf(stack.token(), 1).toDecimal())
          .isEqualTo(Long.toString(DEPOSITS[i] - withdrawn - locked - paidByPayer));
      BigInteger held =
          new BigInteger(balance.get("gateway").asText())
              .add(new BigInteger(balance.get("payer").asText()))
              .add(new BigInteger(balance.get("locked").asText()));
      assertThat(held).isEqualTo(BigInteger.valueOf(DEPOSITS[i] - withdrawn));
      gatewayHolds = gatewayHolds.add(new BigInteger(balance.get("gateway").asText()));
    }

    JsonNode everything = ok("/operator/revenue?from=" + (FROM - 7_200) + "&to=" + (TO + 60));
    assertThat(everything.get("total").asText())
        .isEqualTo(gatewayHolds.toString())
        .isEqualTo(Long.toString(sum(made)));
    assertThat(everything.get("payments").asLong()).isEqualTo(made.size());
  }

  @Test
  void paymentsAreListedNewestFirstWithWhoPaidWhatAndWhen() {
    List<Made> newestFirst =
        made.stream().sorted(Comparator.comparingLong(Made::paidAt).reversed()).toList();

    JsonNode four = ok("/operator/payments?limit=4").get("payments");
    assertThat(four).hasSize(4);
    for (int i = 0; i < 4; i++) {
      Made expected = newestFirst.get(i);
      JsonNode p = four.get(i);
      assertThat(p.get("transferId").asText()).isEqualTo(expected.transferId().toHex());
      assertThat(p.get("channelAddress").asText())
          .isEqualTo(expected.payer().channel().toChecksumHex());
      assertThat(p.get("payer").asText())
          .isEqualTo(expected.payer().payer().address().toChecksumHex());
      assertThat(p.get("asset").asText()).isEqualTo(stack.token().toChecksumHex());
      assertThat(p.get("amount").asText()).isEqualTo(Long.toString(expected.amount()));
      assertThat(p.get("paidAt").asLong()).isEqualTo(expected.paidAt() * 1000);
    }

    JsonNode all = ok("/operator/payments").get("payments");
    assertThat(all.findValuesAsText("transferId"))
        .as("every payment, and neither the withdrawal nor the lock still open")
        .containsExactlyElementsOf(newestFirst.stream().map(m -> m.transferId().toHex()).toList());
  }

  @Test
  void aDisputedChannelIsMarkedAndItsDisputeListed() {
    for (JsonNode channel : allChannels(2)) {
      assertThat(channel.get("disputed").asBoolean())
          .as("channel %s", channel.get("channelAddress"))
          .isEqualTo(channel.get("channelAddress").asText().equals(disputed.toChecksumHex()));
      HttpPayer payer = payers.get(indexOf(channel.get("channelAddress").asText()));
      assertThat(channel.get("updatedAt").asLong()).isEqualTo(lastWrite.get(payer) * 1000);
    }
    JsonNode disputes = ok("/operator/disputes").get("disputes");
    assertThat(disputes).hasSize(1);
    assertThat(disputes.get(0).get("channelAddress").asText()).isEqualTo(disputed.toChecksumHex());
    assertThat(disputes.get(0).get("stage").asText()).isEqualTo("OPEN");
    assertThat(disputes.get(0).get("defundExpiry").asLong()).isEqualTo(TO + 7_200);
  }

  @Test
  void withoutTheTokenEveryRouteIsRefusedAndWithoutAConfiguredTokenThereIsNone() {
    List<String> routes =
        List.of(
            "/operator/revenue", "/operator/payments", "/operator/channels", "/operator/disputes");
    List<Map<String, String>> wrong =
        List.of(
            Map.of(),
            Map.of("authorization", "Bearer " + TOKEN + "-not"),
            Map.of("authorization", "Basic " + TOKEN),
            Map.of("authorization", TOKEN));
    for (String route : routes) {
      for (Map<String, String> headers : wrong) {
        LambdaInvoker.Response r = lambda.get(route, headers);
        assertThat(r.status()).as("%s with %s", route, headers).isEqualTo(401);
        assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("unauthorized");
        assertThat(r.header("www-authenticate")).isEqualTo("Bearer");
      }
    }

    Map<String, Object> withoutToken = new HashMap<>(stack.properties());
    withoutToken.remove("tollgate.operator.token");
    Clock clock = seconds::get;
    try (LambdaInvoker untokened = LambdaInvoker.start(withoutToken, List.of(clock))) {
      assertThat(untokened.get("/gateway", Map.of()).status()).isEqualTo(200);
      for (String route : routes) {
        assertThat(untokened.get(route, AUTHORIZED).status()).as(route).isEqualTo(404);
        assertThat(untokened.get(route, Map.of()).status()).as(route).isEqualTo(404);
      }
    }
  }

  @Test
  void everyBadParameterIsRefusedNamingItAndItsValue() {
    String cursor = ok("/operator/channels?limit=1").get("cursor").asText();
    Map<String, String[]> bad = new LinkedHashMap<>();
    bad.put(
        "/operator/revenue?from=yesterday",
        new String[] {"invalid_parameter", "from", "yesterday"});
    bad.put("/operator/revenue?to=1.5", new String[] {"invalid_parameter", "to", "1.5"});
    bad.put("/operator/revenue?from=-5", new String[] {"invalid_parameter", "from", "-5"});
    bad.put(
        "/operator/revenue?from=99999999999999999999999",
        new String[] {"invalid_parameter", "from", "99999999999999999999"});
    bad.put(
        "/operator/revenue?from=0&to=3600&bucketSeconds=59",
        new String[] {"invalid_parameter", "bucketSeconds", "59"});
    bad.put(
        "/operator/revenue?from=0&to=3600&bucketSeconds=",
        new String[] {"invalid_parameter", "bucketSeconds", "''"});
    bad.put(
        "/operator/revenue?from=" + TO + "&to=" + FROM,
        new String[] {"invalid_parameter", "from " + TO, "to " + FROM});
    bad.put(
        "/operator/revenue?from=0&to=" + (31 * 86_400 + 1) + "&bucketSeconds=86400",
        new String[] {"range_too_large", "2678401", "31 days"});
    bad.put(
        "/operator/revenue?from=0&to=60060&bucketSeconds=60",
        new String[] {"range_too_large", "bucketSeconds 60", "1001 buckets"});
    bad.put("/operator/payments?limit=0", new String[] {"invalid_parameter", "limit", "0"});
    bad.put("/operator/payments?limit=101", new String[] {"invalid_parameter", "limit", "101"});
    bad.put("/operator/payments?limit=ten", new String[] {"invalid_parameter", "limit", "ten"});
    bad.put("/operator/channels?limit=101", new String[] {"invalid_parameter", "limit", "101"});
    bad.put(
        "/operator/channels?cursor=" + cursor.substring(1),
        new String[] {"invalid_parameter", "cursor", cursor.substring(1)});
    bad.put(
        "/operator/channels?cursor=" + cursor + "%3D",
        new String[] {"invalid_parameter", "cursor", cursor + "="});
    for (Map.Entry<String, String[]> e : bad.entrySet()) {
      LambdaInvoker.Response r = lambda.get(e.getKey(), AUTHORIZED);
      assertThat(r.status()).as(e.getKey()).isEqualTo(400);
      JsonNode body = ChannelJson.parse(r.body());
      assertThat(body.get("error").asText()).as(e.getKey()).isEqualTo(e.getValue()[0]);
      for (int i = 1; i < e.getValue().length; i++) {
        assertThat(body.get("detail").asText()).as(e.getKey()).contains(e.getValue()[i]);
      }
    }
  }

  @Test
  void readingTheReportsStoresNothing() {
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    assertThat(before.itemCount()).isPositive();
    ok("/operator/revenue?from=" + FROM + "&to=" + TO + "&bucketSeconds=60");
    ok("/operator/revenue");
    ok("/operator/payments?limit=100");
    allChannels(1);
    ok("/operator/disputes");
    lambda.get("/operator/payments?limit=0", AUTHORIZED);
    lambda.get("/operator/channels", Map.of());
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }

  /** Pays for {@code path} at {@code at}, the gateway's clock set there. */
  private void pay(HttpPayer payer, String path, long at) {
    seconds.set(at);
    HttpPayer.Paid paid = payer.get(path);
    assertThat(paid.status()).as("paying for %s: %s", path, paid.response()).isEqualTo(200);
    ChannelUpdate create = paid.settlement().createUpdate().orElseThrow();
    made.add(new Made(transferId(create), payer, PRICES.get(path), at));
    lastWrite.put(payer, at);
  }

  /** Locks {@code amount} for the gateway under the payer's own {@code preImage}. */
  private Bytes32 lock(HttpPayer payer, long amount, Bytes32 preImage, long at) {
    seconds.set(at);
    ChannelUpdate create =
        payer
            .payer()
            .pay(
                stack.token(),
                Uint256.of(amount),
                HashlockTransfer.lockHash(preImage),
                Uint256.ZERO,
                24 * 3600,
                HttpPayer.now());
    LambdaInvoker.Response r =
        payer.post("/channels/" + payer.channel() + "/transfers", HttpPayer.body("update", create));
    assertThat(r.status()).as("locking: %s", r).isEqualTo(200);
    payer.payer().accept(HttpPayer.updates(r), ChainInputs.at(HttpPayer.now()));
    lastWrite.put(payer, at);
    return transferId(create);
  }

  /** The payer reveals {@code preImage}; the gateway resolves the lock and is paid then. */
  private void revealLater(
      HttpPayer payer, Bytes32 transferId, Bytes32 preImage, long amount, long at) {
    seconds.set(at);
    var body = ChannelJson.MAPPER.createObjectNode().put("preImage", preImage.toHex());
    LambdaInvoker.Response r =
        payer.post(
            "/channels/" + payer.channel() + "/transfers/" + transferId.toHex() + "/resolve",
            ChannelJson.write(body));
    assertThat(r.status()).as("resolving: %s", r).isEqualTo(200);
    payer.payer().accept(HttpPayer.updates(r), ChainInputs.at(HttpPayer.now()));
    made.add(new Made(transferId, payer, amount, at));
    lastWrite.put(payer, at);
  }

  private void withdraw(HttpPayer payer, long at) {
    seconds.set(at);
    LambdaInvoker.Response r =
        payer.withdraw(payer.withdrawData(payer.payer().address(), WITHDRAWN));
    assertThat(r.status()).as("withdrawing: %s", r).isEqualTo(200);
    lastWrite.put(payer, at);
  }

  private List<JsonNode> allChannels(int pageSize) {
    List<JsonNode> channels = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    for (int page = 0; page < 20; page++) {
      JsonNode answer =
          ok("/operator/channels?limit=" + pageSize + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(answer.get("channels").size()).isLessThanOrEqualTo(pageSize);
      for (JsonNode channel : answer.get("channels")) {
        assertThat(seen.add(channel.get("channelAddress").asText())).isTrue();
        channels.add(channel);
      }
      if (answer.get("cursor").isNull()) {
        return channels;
      }
      cursor = answer.get("cursor").asText();
    }
    throw new AssertionError("the channel listing did not end in 20 pages");
  }

  private JsonNode ok(String pathAndQuery) {
    LambdaInvoker.Response r = lambda.get(pathAndQuery, AUTHORIZED);
    assertThat(r.status()).as("%s: %s", pathAndQuery, r).isEqualTo(200);
    return ChannelJson.parse(r.body());
  }

  private int indexOf(String channelAddress) {
    for (int i = 0; i < payers.size(); i++) {
      if (payers.get(i).channel().toChecksumHex().equals(channelAddress)) {
        return i;
      }
    }
    throw new AssertionError("no payer has channel " + channelAddress);
  }

  private static Bytes32 secret(int n) {
    byte[] bytes = new byte[32];
    bytes[0] = 0x5e;
    bytes[31] = (byte) n;
    return Bytes32.of(bytes);
  }

  private static long sum(List<Made> payments) {
    return payments.stream().mapToLong(Made::amount).sum();
  }

  private static Bytes32 transferId(ChannelUpdate create) {
    return ((UpdateDetails.Create) create.details()).transferId();
  }
}
