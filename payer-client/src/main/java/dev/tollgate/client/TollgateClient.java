package dev.tollgate.client;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Pays for HTTP calls through a Tollgate gateway: a {@link HttpClient} that answers a {@code 402}
 * offering {@code vector-hashlock} by paying from the caller's state channel with the gateway and
 * sending the request again. The paid resource may be the gateway's own ({@code /paid/...}) or any
 * server that settles through the gateway's {@code /settle}.
 *
 * <pre>{@code
 * TollgateClient client = TollgateClient.builder()
 *     .gateway(URI.create("http://127.0.0.1:8080"))
 *     .privateKey("0x...")                       // the payer's channel key (bob)
 *     .stateFile(Path.of("tollgate-channel.json"))
 *     .build();
 * client.open();                                 // once: sets the channel up (48 h timeout)
 * // send tokens to client.channelAddress() on chain, then:
 * client.deposited(client.asset(), Uint256.of(10_000_000), Duration.ofMinutes(1), Duration.ofSeconds(1));
 *
 * HttpResponse<String> quote = client.send(
 *     HttpRequest.newBuilder(URI.create("http://127.0.0.1:3000/api/quotes?symbol=ACME")).build(),
 *     HttpResponse.BodyHandlers.ofString());     // paid if the server asks, 200 with the data
 * Uint256 left = client.balance();
 * }</pre>
 *
 * <p>One instance per channel key and state file, shared by all threads: calls run in parallel and
 * their payments are made one at a time (each builds on the previous one's resolve). The channel
 * state is saved to the state file after every change and restored from it; a client behind the
 * gateway (its file old or missing, or another client of the same key paid) catches up from the
 * gateway's history, every update checked by its own channel-core. Failures are {@link
 * TollgateException}s (so {@link IOException}s): {@link PaymentRefusedException} with the x402
 * {@code errorReason} (its subclass {@link InsufficientBalanceException} found before signing),
 * {@link GatewayUnreachableException}, {@link DepositNotCreditedException}, {@link
 * ChannelStateException}, {@link PaidNotServedException}. A refused payment leaves the channel as
 * it was on both sides.
 *
 * <p>A paid request whose answer is lost (the gateway restarting, the connection reset or timing
 * out after the payment was sent) is sent again as it was, with the same payment: 3 times, after
 * 0.5, 1 and 2 seconds, unless {@link Builder#paymentRetries} says otherwise. The gateway answers a
 * payment it recorded with the recorded answer and serves the resource, charging it once, and takes
 * one it never recorded as new. So a gateway back within the retries costs the caller only the
 * wait.
 */
public final class TollgateClient {
  /** The channel timeout {@link #open()} asks for: the dispute window, within the 24 h–14 d. */
  public static final Duration DEFAULT_CHANNEL_TIMEOUT = Duration.ofHours(48);

  private final GatewayApi api;
  private final Signer signer;
  private final ChannelStateFile file;
  private final Clock clock;
  private final PaidCalls calls;
  private final ChannelLifecycle lifecycle;
  private volatile Session session;

  private TollgateClient(Builder b) {
    HttpClient http =
        b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.requestTimeout).build();
    this.api = new GatewayApi(http, b.gateway, b.requestTimeout, b.signer, b.clock);
    this.signer = b.signer;
    this.file = new ChannelStateFile(b.stateFile);
    this.clock = b.clock;
    this.calls =
        new PaidCalls(http, b.gateway, Optional.ofNullable(b.maxPrice), b.resend, b.sleeper);
    this.lifecycle = new ChannelLifecycle(b.sleeper);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends {@code request} as {@link HttpClient#send} does; a {@code 402} with a {@code
   * vector-hashlock} offer is paid and the request sent again with {@code PAYMENT-SIGNATURE}, and
   * the answer to that is returned. A {@code 402} offering only other schemes is returned as it is.
   * If no answer comes back to the paid request, it is sent again, with the same payment, as {@link
   * Builder#paymentRetries} says; the payment counts once however many times it was sent.
   *
   * @throws PaymentRefusedException the payment was refused; nothing was paid
   * @throws GatewayUnreachableException the gateway (or, on a 502, the resource server's link to
   *     it) is down; if that happened after the payment was sent (every re-send failed too), the
   *     gateway may have taken it, and the next call finds out from the gateway's history
   * @throws PaidNotServedException the payment was taken but its answer lost, and its quote had
   *     expired by the time it was sent again: charged once, not served
   */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    return calls.send(request, handler, this::session);
  }

  /** Sets the channel up with {@link #DEFAULT_CHANNEL_TIMEOUT}; does nothing if it is open. */
  public void open() throws IOException, InterruptedException {
    open(DEFAULT_CHANNEL_TIMEOUT);
  }

  /** Sets the channel up with {@code channelTimeout}; does nothing if it is open. */
  public void open(Duration channelTimeout) throws IOException, InterruptedException {
    Objects.requireNonNull(channelTimeout, "channelTimeout");
    lifecycle.open(session(), channelTimeout);
  }

  /**
   * Has the gateway credit {@code amount} of {@code asset} that the caller has sent to {@link
   * #channelAddress()} on chain: one attempt.
   *
   * @throws DepositNotCreditedException the gateway has not seen the deposit yet (its watcher waits
   *     for confirmations): call again later, or use {@link #deposited(Address, Uint256, Duration,
   *     Duration)}
   */
  public void deposited(Address asset, Uint256 amount) throws IOException, InterruptedException {
    deposited(asset, amount, Duration.ZERO, Duration.ofSeconds(1));
  }

  /**
   * As {@link #deposited(Address, Uint256)}, asking again every {@code pollEvery} while the gateway
   * answers {@code no_new_deposit}, until {@code timeout} has passed.
   */
  public void deposited(Address asset, Uint256 amount, Duration timeout, Duration pollEvery)
      throws IOException, InterruptedException {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(amount, "amount");
    lifecycle.deposited(session(), asset, amount, timeout, pollEvery);
  }

  /** What the payer can still spend, in the asset the gateway prices in. */
  public Uint256 balance() throws IOException, InterruptedException {
    Session s = session();
    return s.channel.balance(s.gateway.asset());
  }

  public Uint256 balance(Address asset) throws IOException, InterruptedException {
    return session().channel.balance(asset);
  }

  /** The asset the gateway prices in. */
  public Address asset() throws IOException, InterruptedException {
    return session().gateway.asset();
  }

  /** The payer's address: bob in the channel, the key's. */
  public Address payer() {
    return signer.address();
  }

  /** Where the channel lives on chain: the address to deposit to. */
  public Address channelAddress() throws IOException, InterruptedException {
    return session().channel.address();
  }

  public GatewayInfo gateway() throws IOException, InterruptedException {
    return session().gateway;
  }

  /** This client's channel state: the newest its channel-core accepted. */
  public Channel channel() throws IOException, InterruptedException {
    return session().channel.view();
  }

  /** The channel as the gateway stores it ({@code GET /channels/{address}}), for comparison. */
  public Channel gatewayChannel() throws IOException, InterruptedException {
    return session().gatewayChannel();
  }

  /** Takes in whatever the gateway recorded that this client has not seen yet. */
  public void catchUp() throws IOException, InterruptedException {
    Session s = session();
    s.channel.lock().lock();
    try {
      s.catchUp();
    } finally {
      s.channel.lock().unlock();
    }
  }

  /** Connects on first use: reads the gateway, restores the channel, catches up. */
  private Session session() throws IOException, InterruptedException {
    Session s = session;
    if (s != null) {
      return s;
    }
    synchronized (this) {
      if (session == null) {
        session = Session.start(api, signer, file, clock);
      }
      return session;
    }
  }

  /** Builds a {@link TollgateClient}; gateway, key and state file are required. */
  public static final class Builder {
    private URI gateway;
    private Signer signer;
    private Path stateFile;
    private HttpClient http;
    private Clock clock = () -> Instant.now().getEpochSecond();
    private Sleeper sleeper = Sleeper.THREAD;
    private ResendPolicy resend = ResendPolicy.DEFAULT;
    private Uint256 maxPrice;
    private Duration requestTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The gateway's base URI, such as {@code http://127.0.0.1:8080}. */
    public Builder gateway(URI gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      return this;
    }

    /** The payer's channel key, as a signer (a local key, or one kept elsewhere). */
    public Builder signer(Signer signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /** The payer's channel key, as 32 bytes of hex. */
    public Builder privateKey(String hex) {
      return signer(LocalKeySigner.fromHex(Objects.requireNonNull(hex, "privateKey")));
    }

    /** Where the channel state is kept; created on the first update, one file per client. */
    public Builder stateFile(Path stateFile) {
      this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
      return this;
    }

    /** The HTTP client for paid calls and the gateway; a new one if not given. */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "httpClient");
      return this;
    }

    /** Chain time in seconds, for the updates' rules and the deposit deadline. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How the deposit poll and the re-sends of a paid request wait; {@link Sleeper#THREAD} if not
     * given.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * How often a paid request whose answer was lost (connection refused, reset or timed out), or
     * that the gateway answered {@code 503} with {@code Retry-After}, is sent again, with the same
     * payment, before the call fails with {@link GatewayUnreachableException} (or returns the last
     * {@code 503}): up to {@code retries} times, never sooner than a {@code Retry-After} asks,
     * waiting {@code firstWait} before the first re-send and twice as long before each next one. 3
     * and 500 ms if not given (re-sends after 0.5, 1 and 2 s); {@code 0} sends a payment once. The
     * channel's payments wait meanwhile: the next one builds on this one's answer.
     *
     * @param retries 0 to 10
     * @param firstWait not negative
     */
    public Builder paymentRetries(int retries, Duration firstWait) {
      this.resend = new ResendPolicy(retries, firstWait);
      return this;
    }

    /** The most one call may cost (base units); a dearer 402 is refused before signing. */
    public Builder maxPrice(Uint256 maxPrice) {
      this.maxPrice = Objects.requireNonNull(maxPrice, "maxPrice");
      return this;
    }

    /** The timeout of each call to the gateway's channel API (30 s if not given). */
    public Builder requestTimeout(Duration requestTimeout) {
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException(
            "requestTimeout must be positive, got " + requestTimeout);
      }
      this.requestTimeout = requestTimeout;
      return this;
    }

    public TollgateClient build() {
      if (gateway == null || signer == null || stateFile == null) {
        throw new IllegalStateException(
            "a TollgateClient needs gateway(...), signer(...) or privateKey(...), and stateFile(...);"
                + " missing:"
                + (gateway == null ? " gateway" : "")
                + (signer == null ? " key" : "")
                + (stateFile == null ? " stateFile" : ""));
      }
      if (gateway.getScheme() == null || gateway.getHost() == null) {
        throw new IllegalArgumentException(
            "the gateway URI must be absolute, like http://127.0.0.1:8080, got " + gateway);
      }
      return new TollgateClient(this);
    }
  }
}
