package dev.tollgate.infra;

import dev.tollgate.infra.stack.TollgateStack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Deployments the tests synthesise, each from a context as an operator writes it, against the real
 * Lambda package the functions module built. Synthesising is slow (jsii), so each variant is built
 * once per test JVM.
 */
final class Deployments {
  static final String FACTORY = "0x1000000000000000000000000000000000000001";
  static final String REGISTRY = "0x1000000000000000000000000000000000000002";
  static final String MASTERCOPY = "0x1000000000000000000000000000000000000003";
  static final String HASHLOCK = "0x1000000000000000000000000000000000000004";
  static final String WITHDRAW = "0x1000000000000000000000000000000000000005";
  static final String ASSET = "0x1000000000000000000000000000000000000006";
  static final String RPC_URL = "https://rpc.example.org/v1";
  static final String CHAIN_ID = "11155111";
  static final String ARTICLE_PRICE = "1500";
  static final String NEWS_ARTICLES = "https://news.example.org/articles/";
  static final String NEWS_VIDEO = "https://news.example.org/video/";
  static final String BLOG = "https://blog.example.org/";

  private static final Map<String, Synthesised> CACHE = new ConcurrentHashMap<>();

  record Synthesised(TollgateStack stack, Template template) {}

  private Deployments() {}

  /**
   * Every required setting as a literal, two priced routes, two publishers (one with two prefixes,
   * one given as a comma-separated string), a publisher origin, an alarm email.
   */
  static Map<String, Object> literalContext() {
    Map<String, Object> c = new HashMap<>();
    c.put("tollgate:chainId", CHAIN_ID);
    c.put("tollgate:rpcUrl", RPC_URL);
    c.put("tollgate:channelFactory", FACTORY);
    c.put("tollgate:transferRegistry", REGISTRY);
    c.put("tollgate:mastercopy", MASTERCOPY);
    c.put("tollgate:hashlock", HASHLOCK);
    c.put("tollgate:withdraw", WITHDRAW);
    c.put("tollgate:asset", ASSET);
    c.put("tollgate:confirmations", 6);
    c.put(
        "tollgate:routes",
        Map.of(
            "articles",
            Map.of(
                "prefix", "/paid/articles/",
                "price", ARTICLE_PRICE,
                "description", "One article",
                "mimeType", "text/html"),
            "quotes",
            Map.of("prefix", "/paid/api/quotes", "price", "100", "upstream", QUOTES_ORIGIN)));
    c.put(
        "tollgate:publishers",
        Map.of(
            "news",
            Map.of("resources", java.util.List.of(NEWS_ARTICLES, NEWS_VIDEO)),
            "blog",
            Map.of("resources", BLOG)));
    c.put("tollgate:allowedOrigins", java.util.List.of("https://news.example.org"));
    c.put("tollgate:alarmEmail", "ops@example.org");
    return c;
  }

  /** The default deployment: kms signing, literal settings. */
  static Synthesised kms() {
    return synth("kms", literalContext());
  }

  /** The origin the quotes route forwards to. */
  static final String QUOTES_ORIGIN = "https://api.news.example.org/v1/quotes";

  /** Wrapped-key signing, the RPC URL and a price read from SSM, no operator routes. */
  static Synthesised wrappedFromSsm() {
    Map<String, Object> c = literalContext();
    c.put("tollgate:signerMode", "wrapped");
    c.put("tollgate:wrappedKey", "AQIDBAUGBwgJCgsMDQ4PEA==");
    c.put("tollgate:rpcUrl", "ssm:/tollgate/prod/rpc-url");
    c.put(
        "tollgate:routes",
        Map.of(
            "articles", Map.of("prefix", "/paid/articles/", "price", "ssm:/tollgate/prod/price")));
    c.put("tollgate:operatorRoutes", false);
    c.remove("tollgate:allowedOrigins");
    c.remove("tollgate:alarmEmail");
    return synth("wrapped", c);
  }

  static Synthesised synth(String variant, Map<String, Object> context) {
    return CACHE.computeIfAbsent(
        variant,
        v -> {
          Map<String, Object> c = new HashMap<>(context);
          c.put("tollgate:functionsPackage", FunctionsPackage.path().toString());
          App app =
              new App(
                  AppProps.builder()
                      .context(c)
                      .outdir(Path.of("target", "cdk-test-" + v).toString())
                      .build());
          TollgateStack stack = TollgateApp.build(app);
          return new Synthesised(stack, Template.fromStack(stack));
        });
  }
}
