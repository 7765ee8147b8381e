package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.RouteOffer;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Which offer of a 402 is paid, and every way an offer is refused before signing. */
class PaymentChoiceTest {
  private static final Address GATEWAY = address(0x9a);
  private static final Address FACTORY = address(0xfa);
  private static final Address REGISTRY = address(0x5e);
  private static final Address HASHLOCK = address(0xa1);
  private static final Address TOKEN = address(0x70);
  private static final GatewayInfo INFO =
      new GatewayInfo(
          GATEWAY,
          new NetworkContext(31337, FACTORY, REGISTRY),
          address(0xc0),
          HASHLOCK,
          address(0xb0),
          List.of(TOKEN));

  @Test
  void anOfferPayingTheGatewayOnItsNetworkIsChosen() throws Exception {
    PaymentRequirements honest = offer(UnaryOperator.identity());

    assertThat(PaymentChoice.choose(required(honest), INFO, Optional.empty())).isEqualTo(honest);
  }

  @Test
  void theFirstAcceptableOfferIsChosen() throws Exception {
    PaymentRequirements elsewhere = offer(o -> with(o, address(0x01), o.network(), o.asset()));
    PaymentRequirements honest = offer(UnaryOperator.identity());

    assertThat(PaymentChoice.choose(required(elsewhere, honest), INFO, Optional.empty()))
        .isEqualTo(honest);
  }

  @Test
  void payingSomeoneElseIsRefused() {
    refused(offer(o -> with(o, address(0x01), o.network(), o.asset())), "wrong_pay_to");
  }

  @Test
  void anotherNetworkIsRefused() {
    refused(offer(o -> with(o, o.payTo(), "eip155:1", o.asset())), "invalid_network");
  }

  @Test
  void anAssetTheGatewayDoesNotTakeIsRefused() {
    refused(offer(o -> with(o, o.payTo(), o.network(), address(0x02))), "wrong_asset");
  }

  @Test
  void anotherTransferDefinitionIsRefused() {
    PaymentRequirements o = offer(UnaryOperator.identity());
    QuoteExtra x = o.extra();
    QuoteExtra otherLock =
        new QuoteExtra(
            x.channelFactoryAddress(),
            x.transferRegistryAddress(),
            address(0x03),
            x.transferTimeout(),
            x.lockHash(),
            x.lockExpiry(),
            x.quoteId(),
            x.quoteExpiresAt());
    refused(
        new PaymentRequirements(
            o.scheme(), o.network(), o.amount(), o.asset(), o.payTo(), 300, otherLock),
        "lock_mismatch");
  }

  @Test
  void aPriceAboveTheLimitIsRefusedAndOneAtItIsPaid() throws Exception {
    PaymentRequirements o = offer(UnaryOperator.identity());

    PaymentRefusedException e =
        catchThrowableOfType(
            PaymentRefusedException.class,
            () -> PaymentChoice.choose(required(o), INFO, Optional.of(Uint256.of(1_499))));

    assertThat(e.errorReason()).isEqualTo("price_above_limit");
    assertThat(e.detail()).contains("1500").contains("1499");
    assertThat(PaymentChoice.choose(required(o), INFO, Optional.of(Uint256.of(1_500))))
        .isEqualTo(o);
  }

  private static void refused(PaymentRequirements offer, String reason) {
    PaymentRefusedException e =
        catchThrowableOfType(
            PaymentRefusedException.class,
            () -> PaymentChoice.choose(required(offer), INFO, Optional.empty()));
    assertThat(e).as("expected %s", reason).isNotNull();
    assertThat(e.errorReason()).isEqualTo(reason);
    assertThat(e.httpStatus()).isEqualTo(402);
  }

  private static PaymentRequirements routed(Address hub, long price, long fee) {
    PaymentRequirements o = offer(UnaryOperator.identity());
    QuoteExtra x = o.extra();
    return new PaymentRequirements(
        o.scheme(),
        o.network(),
        Uint256.of(1_500),
        o.asset(),
        hub,
        o.maxTimeoutSeconds(),
        new QuoteExtra(
            x.channelFactoryAddress(),
            x.transferRegistryAddress(),
            x.transferDefinition(),
            x.transferTimeout(),
            x.lockHash(),
            x.lockExpiry(),
            x.quoteId(),
            x.quoteExpiresAt(),
            Optional.of(
                new RouteOffer(
                    hub,
                    java.net.URI.create("https://hub.example"),
                    address(0x33),
                    bytes32(9),
                    Uint256.of(price),
                    Uint256.of(fee)))));
  }

  @Test
  void anOfferThroughThisClientsGatewayAsHubIsPaidWhenItAddsUp() throws Exception {
    PaymentRequirements throughHub = routed(GATEWAY, 1_480, 20);

    assertThat(PaymentChoice.choose(required(throughHub), INFO, Optional.empty()))
        .isEqualTo(throughHub);
    refused(routed(address(0x44), 1_480, 20), "wrong_pay_to");
    refused(routed(GATEWAY, 1_480, 19), "invalid_quote");
  }

  private static PaymentRequirements offer(UnaryOperator<PaymentRequirements> edit) {
    return edit.apply(
        new PaymentRequirements(
            PaymentRequirements.SCHEME,
            "eip155:31337",
            Uint256.of(1_500),
            TOKEN,
            GATEWAY,
            300,
            new QuoteExtra(
                FACTORY,
                REGISTRY,
                HASHLOCK,
                Uint256.of(86_400),
                bytes32(7),
                Uint256.ZERO,
                "q",
                9)));
  }

  private static PaymentRequirements with(
      PaymentRequirements o, Address payTo, String network, Address asset) {
    return new PaymentRequirements(
        o.scheme(), network, o.amount(), asset, payTo, o.maxTimeoutSeconds(), o.extra());
  }

  private static PaymentRequired required(PaymentRequirements... offers) {
    return new PaymentRequired(
        Optional.empty(), ResourceInfo.of("/api/quote"), List.of(offers), Optional.empty());
  }

  private static Address address(int last) {
    byte[] b = new byte[20];
    b[0] = 0x11;
    b[19] = (byte) last;
    return Address.of(b);
  }

  private static Bytes32 bytes32(int last) {
    byte[] b = new byte[32];
    b[31] = (byte) last;
    return Bytes32.of(b);
  }
}
