package dev.tollgate.functions.api;

import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.gateway.AcceptTransfer;
import dev.tollgate.functions.gateway.Accepted;
import dev.tollgate.functions.gateway.ChannelQueries;
import dev.tollgate.functions.gateway.ChannelReadAccess;
import dev.tollgate.functions.gateway.OpenChannel;
import dev.tollgate.functions.gateway.ReconcileDeposit;
import dev.tollgate.functions.gateway.ResolveTransfer;
import dev.tollgate.functions.gateway.Withdraw;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.function.Function;

/**
 * The channel API a payer's client speaks: open, read and restore, reconcile a deposit, lock and
 * resolve a payment, withdraw. Each route parses, calls one use case, and maps its result.
 */
@Controller("/channels")
@Requires(beans = OpenChannel.class)
public class ChannelController {
  private final OpenChannel open;
  private final ReconcileDeposit deposits;
  private final AcceptTransfer transfers;
  private final ResolveTransfer resolver;
  private final Withdraw withdrawals;
  private final ChannelQueries queries;
  private final ChannelReadAccess reads;

  public ChannelController(
      OpenChannel open,
      ReconcileDeposit deposits,
      AcceptTransfer transfers,
      ResolveTransfer resolver,
      Withdraw withdrawals,
      ChannelQueries queries,
      ChannelReadAccess reads) {
    this.open = open;
    this.deposits = deposits;
    this.transfers = transfers;
    this.resolver = resolver;
    this.withdrawals = withdrawals;
    this.queries = queries;
    this.reads = reads;
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> open(HttpRequest<?> request, @Body @Nullable String body) {
    String source = SourceAddress.of(request);
    Checked<Accepted> result =
        ApiJson.body(body)
            .flatMap(json -> ApiJson.update(json, "update"))
            .flatMap(setup -> open.open(setup, source));
    MutableHttpResponse<String> response =
        Responses.of(
            ChannelLog.outcome("open", "-", result, Function.identity()),
            HttpStatus.CREATED,
            ApiJson::accepted);
    if (!result.isOk() && result.refusal().is(GatewayReason.RATE_LIMITED)) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(open.retryAfterSeconds()));
    }
    return response;
  }

  /** The channel's payer (a {@code TOLLGATE-AUTH} signed read) or the operator only. */
  @Get(uri = "/{address}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> channel(HttpRequest<?> request, @PathVariable String address) {
    return Responses.of(
        PathValues.address("channel address", address)
            .flatMap(channel -> reads.channel(ReadRequests.of(request), channel)),
        HttpStatus.OK,
        ApiJson::channel);
  }

  /** The channel's payer (a {@code TOLLGATE-AUTH} signed read) or the operator only. */
  @Get(uri = "/{address}/updates{?after,limit}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> updates(
      HttpRequest<?> request,
      @PathVariable String address,
      @QueryValue(defaultValue = "0") long after,
      @QueryValue(defaultValue = "100") int limit) {
    return Responses.of(
        PathValues.address("channel address", address)
            .flatMap(channel -> reads.channel(ReadRequests.of(request), channel))
            .flatMap(stored -> queries.updatesOf(stored, after, limit)),
        HttpStatus.OK,
        list -> {
          var out = ChannelJson.MAPPER.createObjectNode();
          out.set("updates", ApiJson.updates(list));
          return out;
        });
  }

  @Post(
      uri = "/{address}/deposits",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> deposit(@PathVariable String address, @Body @Nullable String body) {
    return inbound("deposit", address, body, deposits::reconcile);
  }

  @Post(
      uri = "/{address}/transfers",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> transfer(@PathVariable String address, @Body @Nullable String body) {
    return inbound("create", address, body, transfers::create);
  }

  @Post(
      uri = "/{address}/transfers/{transferId}/resolve",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> resolve(
      @PathVariable String address, @PathVariable String transferId, @Body @Nullable String body) {
    Checked<Accepted> result =
        PathValues.address("channel address", address)
            .flatMap(
                channel ->
                    PathValues.bytes32("transferId", transferId)
                        .flatMap(
                            id ->
                                ApiJson.body(body)
                                    .flatMap(json -> ApiJson.text(json, "preImage"))
                                    .flatMap(text -> PathValues.bytes32("preImage", text))
                                    .flatMap(pre -> resolver.resolve(channel, id, pre))));
    return Responses.of(
        ChannelLog.outcome("resolve", address, result, Function.identity()),
        HttpStatus.OK,
        ApiJson::accepted);
  }

  @Post(
      uri = "/{address}/withdrawals",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> withdraw(@PathVariable String address, @Body @Nullable String body) {
    Checked<Withdraw.Result> result =
        PathValues.address("channel address", address)
            .flatMap(
                channel ->
                    ApiJson.body(body)
                        .flatMap(
                            json ->
                                ApiJson.update(json, "update")
                                    .flatMap(
                                        update ->
                                            ApiJson.text(json, "recipient")
                                                .flatMap(r -> PathValues.address("recipient", r))
                                                .flatMap(
                                                    recipient ->
                                                        withdrawals.withdraw(
                                                            channel, update, recipient)))));
    return Responses.of(
        ChannelLog.outcome("withdraw", address, result, Withdraw.Result::accepted),
        HttpStatus.OK,
        r -> {
          var out = ApiJson.accepted(r.accepted());
          out.set("withdrawal", ApiJson.withdrawal(r.withdrawal()));
          return out;
        });
  }

  private interface InboundUseCase {
    Checked<Accepted> apply(Address channel, dev.tollgate.core.update.ChannelUpdate update);
  }

  private HttpResponse<String> inbound(
      String action, String address, String body, InboundUseCase useCase) {
    Checked<Accepted> result =
        PathValues.address("channel address", address)
            .flatMap(
                channel ->
                    ApiJson.body(body)
                        .flatMap(json -> ApiJson.update(json, "update"))
                        .flatMap(update -> useCase.apply(channel, update)));
    return Responses.of(
        ChannelLog.outcome(action, address, result, Function.identity()),
        HttpStatus.OK,
        ApiJson::accepted);
  }
}
