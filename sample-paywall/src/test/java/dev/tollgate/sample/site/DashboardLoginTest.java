package dev.tollgate.sample.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.sample.SharedStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The publisher dashboard behind its login, over HTTP against the local stack's site: a stranger
 * gets neither the page nor the revenue, payers and balances behind it; a forged, altered, foreign
 * or expired session cookie is refused; a wrong password sets no session; the publisher logging in
 * with the password reads the data until logging out.
 */
class DashboardLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects

  @Test
  void strangerCannotReadDashboardData() throws Exception {
    URI site = SharedStack.get().siteUrl();
    HttpResponse<String> data = get(site, "/dashboard/data", null);
    assertThat(data.statusCode()).isEqualTo(401);
    assertThat(data.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = JSON.readTree(data.body());
    assertThat(body.get("error").asText()).isEqualTo("unauthorized");
    assertThat(body.get("detail").asText()).contains("/dashboard/login");
    assertThat(body.has("revenue") || body.has("payments") || body.has("channels")).isFalse();

    HttpResponse<String> page = get(site, "/dashboard", null);
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("location")).hasValue("/dashboard/login");
    assertThat(page.body()).doesNotContain("Publisher dashboard");

    // other ways in: HEAD, another method, a trailing path, a receipt cookie, an Authorization
    assertThat(head(site, "/dashboard/data").statusCode()).isEqualTo(401);
    assertThat(send(site, "POST", "/dashboard/data", null, "").statusCode()).isEqualTo(405);
    assertThat(get(site, "/dashboard/data/", null).statusCode()).isIn(303, 401, 404);
    assertThat(get(site, "/dashboard/data", "tollgate_receipt=eyJyIjoieCJ9.AAAA").statusCode())
        .isEqualTo(401);
    HttpResponse<String> bearer =
        http.send(
            HttpRequest.newBuilder(site.resolve("/dashboard/data"))
                .header("Authorization", "Bearer " + SharedStack.get().operatorToken())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bearer.statusCode()).as("the gateway's token is not a site login").isEqualTo(401);
    // the login form itself is public and carries nothing of the dashboard
    HttpResponse<String> form = get(site, "/dashboard/login", null);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("name=\"password\"").doesNotContain("dashboard.js");
  }

  @Test
  void forgedOrExpiredSessionCookieRefused() throws Exception {
    AtomicLong now = new AtomicLong(1_000_000);
    String password = "the publisher's own password";
    try (PublisherSite site = siteWithClock(password, new byte[32], now)) {
      String token = session(login(site.url(), password));
      assertThat(dataStatus(site.url(), token)).as("the fresh session").isEqualTo(200);

      // forged from nothing, and a real one with its expiry moved (the MAC no longer matches)
      List<String> forged =
          List.of(
              "",
              "x",
              "v1:9999999999:00.AAAA",
              encode("v1:9999999999:" + "00".repeat(16)) + "." + encode("not a mac"),
              token + "x",
              token.replace('.', '_'),
              moveExpiry(token, 9_999_999_999L),
              token + "." + token);
      for (String cookie : forged) {
        assertThat(dataStatus(site.url(), cookie)).as("forged %s", cookie).isEqualTo(401);
      }

      // a session another site issued (its own secret) opens nothing here
      try (PublisherSite other = siteWithClock(password, filled(7), now)) {
        String foreign = session(login(other.url(), password));
        assertThat(dataStatus(other.url(), foreign)).isEqualTo(200);
        assertThat(dataStatus(site.url(), foreign)).isEqualTo(401);
      }

      // expired: a second before its end it opens, at its end it does not
      now.addAndGet(DashboardLogin.SESSION_SECONDS - 1);
      assertThat(dataStatus(site.url(), token)).isEqualTo(200);
      now.incrementAndGet();
      assertThat(dataStatus(site.url(), token)).isEqualTo(401);
      assertThat(get(site.url(), "/dashboard", DashboardLogin.COOKIE + "=" + token).statusCode())
          .isEqualTo(303);
    }
  }

  @Test
  void wrongPasswordRefused() throws Exception {
    URI site = SharedStack.get().siteUrl();
    String password = SharedStack.get().dashboardPassword();
    for (String wrong :
        List.of(
            "",
            "wrong",
            password.substring(1),
            password + " ",
            password.toUpperCase(java.util.Locale.ROOT).equals(password)
                ? password.toLowerCase(java.util.Locale.ROOT)
                : password.toUpperCase(java.util.Locale.ROOT),
            SharedStack.get().operatorToken())) {
      HttpResponse<String> refused = login(site, wrong);
      assertThat(refused.statusCode()).as("password %s", wrong).isEqualTo(401);
      assertThat(refused.headers().allValues("set-cookie")).as(wrong).isEmpty();
      assertThat(refused.body()).contains("login-refused").doesNotContain(password);
    }
    // the right password sent some other way than the form is no login either
    HttpResponse<String> asJson =
        send(
            site,
            "POST",
            "/dashboard/login",
            "application/json",
            "{\"password\":\"" + password + "\"}");
    assertThat(asJson.statusCode()).isEqualTo(401);
    assertThat(asJson.headers().allValues("set-cookie")).isEmpty();
    HttpResponse<String> inQuery =
        send(
            site,
            "POST",
            "/dashboard/login?password=" + URLEncoder.encode(password, StandardCharsets.UTF_8),
            null,
            "");
    assertThat(inQuery.statusCode()).isEqualTo(401);
    assertThat(get(site, "/dashboard/data", null).statusCode()).isEqualTo(401);
  }

  @Test
  void thePublisherLogsInReadsTheDashboardAndLogsOut() throws Exception {
    URI site = SharedStack.get().siteUrl();
    HttpResponse<String> in = login(site, SharedStack.get().dashboardPassword());
    assertThat(in.statusCode()).isEqualTo(303);
    assertThat(in.headers().firstValue("location")).hasValue("/dashboard");
    String setCookie = in.headers().firstValue("set-cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith(DashboardLogin.COOKIE + "=")
        .contains(
            "Path=/dashboard",
            "Max-Age=" + DashboardLogin.SESSION_SECONDS,
            "HttpOnly",
            "SameSite=Strict");
    String token = session(in);

    HttpResponse<String> data = get(site, "/dashboard/data", DashboardLogin.COOKIE + "=" + token);
    assertThat(data.statusCode()).as(data.body()).isEqualTo(200);
    assertThat(data.headers().firstValue("cache-control")).hasValue("no-store");
    JsonNode body = JSON.readTree(data.body());
    assertThat(body.has("revenue") && body.has("channels") && body.has("payments")).isTrue();
    assertThat(body.get("revenue").has("total")).isTrue();
    assertThat(body.toString()).doesNotContain(SharedStack.get().operatorToken());

    HttpResponse<String> page = get(site, "/dashboard", DashboardLogin.COOKIE + "=" + token);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Publisher dashboard", "dashboard.js", "/dashboard/logout");

    HttpResponse<String> out =
        send(site, "POST", "/dashboard/logout", null, "", DashboardLogin.COOKIE + "=" + token);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("location")).hasValue("/dashboard/login");
    assertThat(out.headers().firstValue("set-cookie").orElseThrow())
        .startsWith(DashboardLogin.COOKIE + "=;")
        .contains("Max-Age=0", "Path=/dashboard");
  }

  /** A site of its own on the shared stack's gateway, with a clock the test moves. */
  private static PublisherSite siteWithClock(String password, byte[] secret, AtomicLong now)
      throws Exception {
    SiteSettings settings =
        new SiteSettings(
            URI.create("http://127.0.0.1:1"),
            SharedStack.get().gatewayUrl(),
            SharedStack.get().publisherToken(),
            Optional.of(SharedStack.get().operatorToken()),
            60,
            secret,
            SharedStack.get().deployment().testToken().toChecksumHex(),
            "TEST",
            6,
            Optional.of(password));
    return PublisherSite.start(0, settings, Catalogue.demo(), Optional.empty(), now::get);
  }

  private HttpResponse<String> login(URI site, String password) throws Exception {
    return send(
        site,
        "POST",
        "/dashboard/login",
        "application/x-www-form-urlencoded",
        "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
  }

  private static String session(HttpResponse<String> login) {
    assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
    String cookie = login.headers().firstValue("set-cookie").orElseThrow();
    return cookie.substring((DashboardLogin.COOKIE + "=").length(), cookie.indexOf(';'));
  }

  private int dataStatus(URI site, String token) throws Exception {
    return get(site, "/dashboard/data", DashboardLogin.COOKIE + "=" + token).statusCode();
  }

  /** {@code token} with its payload's expiry replaced, the MAC kept. */
  private static String moveExpiry(String token, long expiry) {
    String payload =
        new String(
            Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            StandardCharsets.UTF_8);
    String[] parts = payload.split(":");
    return encode(parts[0] + ":" + expiry + ":" + parts[2]) + token.substring(token.indexOf('.'));
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] filled(int value) {
    byte[] out = new byte[32];
    java.util.Arrays.fill(out, (byte) value);
    return out;
  }

  private HttpResponse<String> get(URI site, String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(site.resolve(path));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> head(URI site, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(site.resolve(path))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(
      URI site, String method, String path, String contentType, String body) throws Exception {
    return send(site, method, path, contentType, body, null);
  }

  private HttpResponse<String> send(
      URI site, String method, String path, String contentType, String body, String cookie)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(site.resolve(path))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
