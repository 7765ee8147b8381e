package dev.tollgate.infra.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything a deployment is configured with, read from the CDK context ({@code cdk.json}'s {@code
 * context}, or {@code -c tollgate:<key>=<value>}). Scalar settings ({@link Setting}) may instead
 * name an SSM parameter ({@code ssm:/path}); structure (signer mode, routes, publishers, origins,
 * alarms) comes from the context alone. Every problem is found before anything is synthesised, each
 * named by its key.
 */
public record DeploymentConfig(
    Map<Setting, SettingValue> settings,
    SignerMode signerMode,
    List<PricedRouteConfig> routes,
    boolean operatorRoutes,
    List<PublisherConfig> publishers,
    List<String> allowedOrigins,
    Optional<String> alarmEmail,
    String tablePrefix,
    int logRetentionDays,
    int watcherRateMinutes,
    int keeperRateMinutes,
    int apiRateLimit,
    int apiBurstLimit,
    List<String> keyAdminArns) {

  public static final String PREFIX = "tollgate:";

  /** The retention periods CloudWatch Logs accepts, in days. */
  static final Set<Integer> LOG_RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  private static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");
  private static final Pattern ORIGIN = Pattern.compile("\\*|https?://[^/\\s]+");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern ADMIN_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[A-Za-z0-9+=,.@_/-]{1,512}");

  /** The context keys other than the scalar settings. */
  enum Key {
    SIGNER_MODE("signerMode"),
    ROUTES("routes"),
    OPERATOR_ROUTES("operatorRoutes"),
    /**
     * The publishers allowed on the facilitator routes, each with its own generated bearer token
     * and the resource URL prefixes it may quote and settle for.
     */
    PUBLISHERS("publishers"),
    ALLOWED_ORIGINS("allowedOrigins"),
    ALARM_EMAIL("alarmEmail"),
    TABLE_PREFIX("tablePrefix"),
    LOG_RETENTION_DAYS("logRetentionDays"),
    WATCHER_RATE_MINUTES("watcherRateMinutes"),
    KEEPER_RATE_MINUTES("keeperRateMinutes"),
    API_RATE_LIMIT("apiRateLimit"),
    API_BURST_LIMIT("apiBurstLimit"),
    /**
     * The IAM roles (or users) that administer the gateway's KMS keys; without it, the account (its
     * IAM policies) administers them. Administration never includes signing or decrypting.
     */
    KEY_ADMINS("keyAdmins");

    final String name;

    Key(String name) {
      this.name = name;
    }

    String contextKey() {
      return PREFIX + name;
    }
  }

  public DeploymentConfig {
    settings = Map.copyOf(settings);
    routes = List.copyOf(routes);
    publishers = List.copyOf(publishers);
    allowedOrigins = List.copyOf(allowedOrigins);
    keyAdminArns = List.copyOf(keyAdminArns);
    Objects.requireNonNull(signerMode, "signerMode");
    Objects.requireNonNull(alarmEmail, "alarmEmail");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
  }

  /** Every context key this app reads, for the error that names an unknown one. */
  public static Set<String> knownKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (Setting s : Setting.values()) {
      keys.add(s.contextKey());
    }
    for (Key k : Key.values()) {
      keys.add(k.contextKey());
    }
    return keys;
  }

  /**
   * Reads the {@code tollgate:*} entries of {@code context} (other keys belong to the CDK and are
   * left alone).
   *
   * @throws DeploymentConfigException naming the first missing, unknown or malformed key
   */
  public static DeploymentConfig read(Map<String, ?> context) {
    Objects.requireNonNull(context, "context");
    Map<String, Object> ours = new TreeMap<>();
    context.forEach(
        (k, v) -> {
          if (k.startsWith(PREFIX) && v != null) {
            ours.put(k, v);
          }
        });
    for (String key : ours.keySet()) {
      if (!knownKeys().contains(key)) {
        throw new DeploymentConfigException(
            "unknown context key " + key + "; known keys: " + knownKeys());
      }
    }
    SignerMode mode =
        SignerMode.parse(text(ours, Key.SIGNER_MODE.contextKey()).orElse("kms").trim());
    String role = text(ours, Setting.ROLE.contextKey()).map(String::trim).orElse("standalone");
    if (role.startsWith("ssm:")) {
      throw new DeploymentConfigException(
          Setting.ROLE.contextKey()
              + " must be given as it is, not from SSM: it decides which settings are read");
    }
    Map<Setting, SettingValue> settings = new EnumMap<>(Setting.class);
    List<String> missing = new ArrayList<>();
    for (Setting s : Setting.values()) {
      Optional<String> raw = text(ours, s.contextKey());
      if (s == Setting.WRAPPED_KEY && mode != SignerMode.WRAPPED) {
        if (raw.isPresent()) {
          throw new DeploymentConfigException(
              s.contextKey() + " is only read with tollgate:signerMode=wrapped");
        }
        continue;
      }
      if ((s == Setting.HUB_URL || s == Setting.HUB_ADDRESS) && !"publisher".equals(role)) {
        if (raw.isPresent()) {
          throw new DeploymentConfigException(
              s.contextKey() + " is only read with tollgate:role=publisher");
        }
        continue;
      }
      if (raw.isPresent()) {
        settings.put(s, SettingValue.parse(s.contextKey(), raw.get(), s::check));
      } else if (s.defaultValue().isPresent()) {
        settings.put(s, new SettingValue.Literal(s.defaultValue().get()));
      } else {
        missing.add(s.contextKey());
      }
    }
    if (!missing.isEmpty()) {
      throw new DeploymentConfigException(
          "missing deployment settings "
              + missing
              + ": give each in cdk.json's context or as -c <key>=<value> (a value ssm:/name reads"
              + " an SSM parameter at deploy time); see README, 'Deploying to AWS'");
    }
    String tablePrefix = text(ours, Key.TABLE_PREFIX.contextKey()).orElse("tollgate-").trim();
    if (!TABLE_PREFIX.matcher(tablePrefix).matches()) {
      throw new DeploymentConfigException(
          Key.TABLE_PREFIX.contextKey()
              + " may hold only letters, digits, '_', '.', '-', got '"
              + tablePrefix
              + "'");
    }
    int retention = integer(ours, Key.LOG_RETENTION_DAYS, 90, 1, 3653);
    if (!LOG_RETENTION_DAYS.contains(retention)) {
      throw new DeploymentConfigException(
          Key.LOG_RETENTION_DAYS.contextKey()
              + " must be one of CloudWatch Logs' periods "
              + new java.util.TreeSet<>(LOG_RETENTION_DAYS)
              + ", got "
              + retention);
    }
    Optional<String> email = text(ours, Key.ALARM_EMAIL.contextKey()).map(String::trim);
    email.ifPresent(
        e -> {
          if (!EMAIL.matcher(e).matches()) {
            throw new DeploymentConfigException(
                Key.ALARM_EMAIL.contextKey() + " must be an email address, got '" + e + "'");
          }
        });
    int rate = integer(ours, Key.API_RATE_LIMIT, 1000, 1, 100_000);
    int burst = integer(ours, Key.API_BURST_LIMIT, 2000, 1, 100_000);
    if (burst < rate) {
      throw new DeploymentConfigException(
          Key.API_BURST_LIMIT.contextKey()
              + " ("
              + burst
              + ") must be at least "
              + Key.API_RATE_LIMIT.contextKey()
              + " ("
              + rate
              + ")");
    }
    int keeperRate = integer(ours, Key.KEEPER_RATE_MINUTES, 5, 1, 60);
    checkLegMargin(role, settings.get(Setting.LEG_MARGIN_SECONDS), keeperRate);
    return new DeploymentConfig(
        settings,
        mode,
        RoutesReader.read(ours.get(Key.ROUTES.contextKey()), Key.ROUTES.contextKey()),
        bool(ours, Key.OPERATOR_ROUTES, true),
        PublishersReader.read(ours.get(Key.PUBLISHERS.contextKey()), Key.PUBLISHERS.contextKey()),
        origins(ours.get(Key.ALLOWED_ORIGINS.contextKey())),
        email,
        tablePrefix,
        retention,
        integer(ours, Key.WATCHER_RATE_MINUTES, 1, 1, 60),
        keeperRate,
        rate,
        burst,
        keyAdmins(ours.get(Key.KEY_ADMINS.contextKey())));
  }

  /**
   * A hub's keeper must be able to run twice within the margin between the legs' timeouts, or a
   * silent publisher-side resolve could leave it no time to claim the reader's transfer.
   */
  private static void checkLegMargin(String role, SettingValue margin, int keeperRateMinutes) {
    if (!"hub".equals(role) || !(margin instanceof SettingValue.Literal literal)) {
      return;
    }
    long seconds = Long.parseLong(literal.value());
    if (seconds < 2L * keeperRateMinutes * 60) {
      throw new DeploymentConfigException(
          Setting.LEG_MARGIN_SECONDS.contextKey()
              + " "
              + seconds
              + " leaves the keeper (every "
              + keeperRateMinutes
              + " min, tollgate:keeperRateMinutes) less than two runs to claim a reader's transfer;"
              + " give at least "
              + 2L * keeperRateMinutes * 60);
    }
  }

  public SettingValue get(Setting setting) {
    SettingValue value = settings.get(setting);
    if (value == null) {
      throw new IllegalStateException(setting.contextKey() + " is not part of this deployment");
    }
    return value;
  }

  /** A scalar context value as text: strings as they are, JSON numbers without a fraction. */
  static Optional<String> text(Map<String, Object> context, String key) {
    Object value = context.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String s) {
      return Optional.of(s);
    }
    if (value instanceof Number n) {
      BigDecimal decimal = new BigDecimal(n.toString());
      if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
        throw new DeploymentConfigException(key + " must be a whole number, got " + n);
      }
      return Optional.of(decimal.toBigInteger().toString());
    }
    if (value instanceof Boolean b) {
      return Optional.of(b.toString());
    }
    throw new DeploymentConfigException(
        key + " must be a single value, got a " + value.getClass().getSimpleName());
  }

  private static int integer(Map<String, Object> context, Key key, int fallback, int min, int max) {
    Optional<String> raw = text(context, key.contextKey());
    if (raw.isEmpty()) {
      return fallback;
    }
    String value = raw.get().trim();
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new DeploymentConfigException(
          key.contextKey() + " must be a whole number, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new DeploymentConfigException(
          key.contextKey() + " must be " + min + ".." + max + ", got " + parsed);
    }
    return parsed;
  }

  private static boolean bool(Map<String, Object> context, Key key, boolean fallback) {
    Optional<String> raw = text(context, key.contextKey());
    if (raw.isEmpty()) {
      return fallback;
    }
    String value = raw.get().trim();
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new DeploymentConfigException(
        key.contextKey() + " must be true or false, got '" + value + "'");
  }

  /**
   * {@code tollgate:keyAdmins}: IAM role or user ARNs, as a JSON list or a comma-separated string.
   * Each must exist when the stack deploys, and the role CloudFormation deploys with must be one of
   * them (KMS refuses a key policy that would lock its caller out).
   */
  private static List<String> keyAdmins(Object value) {
    String key = Key.KEY_ADMINS.contextKey();
    List<String> arns = new ArrayList<>();
    for (String arn : listOfStrings(key, value, "role ARNs")) {
      if (!ADMIN_ARN.matcher(arn).matches()) {
        throw new DeploymentConfigException(
            key
                + " holds '"
                + arn
                + "', which is not an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)");
      }
      if (!arns.contains(arn)) {
        arns.add(arn);
      }
    }
    return arns;
  }

  /** A JSON list, JSON text of a list, or a comma-separated string, as trimmed strings. */
  private static List<String> listOfStrings(String key, Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s && s.trim().startsWith("[")) {
      try {
        value = new com.fasterxml.jackson.databind.ObjectMapper().readValue(s, List.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new DeploymentConfigException(key + " is not a JSON list of " + what);
      }
    }
    List<String> out = new ArrayList<>();
    if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new DeploymentConfigException(key + " must list " + what + " as strings, got " + o);
        }
        out.add(s.trim());
      }
    } else {
      throw new DeploymentConfigException(
          key + " must be a list of " + what + " or a comma-separated string, got " + value);
    }
    return out;
  }

  private static List<String> origins(Object value) {
    String key = Key.ALLOWED_ORIGINS.contextKey();
    if (value == null) {
      return List.of();
    }
    List<String> origins = new ArrayList<>();
    if (value instanceof String s && s.trim().startsWith("[")) {
      // -c tollgate:allowedOrigins='["https://..."]' arrives as JSON text
      try {
        value = new com.fasterxml.jackson.databind.ObjectMapper().readValue(s, List.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new DeploymentConfigException(
            key + " is not a JSON list of origins: " + e.getOriginalMessage());
      }
    }
    if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          origins.add(part.trim());
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new DeploymentConfigException(key + " must list origins as strings, got " + o);
        }
        origins.add(s.trim());
      }
    } else {
      throw new DeploymentConfigException(
          key + " must be a list of origins or a comma-separated string, got " + value);
    }
    for (String origin : origins) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw new DeploymentConfigException(
            key
                + " holds '"
                + origin
                + "', which is not an origin (scheme://host[:port], no path) or '*'");
      }
    }
    return origins;
  }
}
