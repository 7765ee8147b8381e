package dev.tollgate.bench.cost;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StaleChannelException;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbChannelStore;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * The {@code TransactWriteItems} the gateway sends for one paid request, captured on its way to
 * DynamoDB: a channel with a deposit and some payments behind it, then one more payment taken as
 * {@code InboundUpdates.accept} takes it (the payer's create countersigned, the gateway's resolve
 * proposed on top, both written with {@link DynamoDbChannelStore}).
 */
final class OnePaidWrite {
  static final TableNames TABLES = TableNames.withPrefix("tollgate-");

  /** USDC-like: six decimals, a price of a tenth of a cent, a ten-unit deposit. */
  private static final Uint256 PRICE = Uint256.of(1_000);

  private static final Uint256 DEPOSIT = Uint256.of(10_000_000);
  private static final long NOW_MILLIS = 1_795_000_000_123L;
  private static final long NOW = NOW_MILLIS / 1000;

  private OnePaidWrite() {}

  /** The request for a payment made after {@code earlierPayments} payments on the channel. */
  static TransactWriteItemsRequest capture(int earlierPayments) {
    SecureRandom random = new SecureRandom();
    Address hashlock = address(random);
    ChannelRules rules = ChannelRules.defaults(TransferRegistry.of(hashlock, address(random)));
    ChannelParty gateway = new ChannelParty(LocalKeySigner.random(random), rules);
    ChannelParty payer = new ChannelParty(LocalKeySigner.random(random), rules);
    // Base's chain id, real-length contract addresses: sizes as deployed
    NetworkContext network = new NetworkContext(8453, address(random), address(random));
    Address alice = gateway.signer().address();
    Address bob = payer.signer().address();
    ChainInputs now = ChainInputs.at(NOW);

    Channel c = Channel.unopened(address(random), alice, bob, network);
    c = round(c, payer, gateway, new UpdateParams.Setup(Uint256.of(48 * 3600), network), now);
    c =
        round(
            c,
            payer,
            gateway,
            new UpdateParams.Deposit(token()),
            now.withDeposits(token(), new DepositTotals(Uint256.ZERO, DEPOSIT)));
    for (int i = 0; i < earlierPayments; i++) {
      Bytes32 preImage = word(random);
      c = round(c, payer, gateway, create(preImage, bob, alice, hashlock), now);
      c = round(c, gateway, payer, resolve(c, preImage), now);
    }

    Bytes32 preImage = word(random);
    Transition proposed = ok(payer.propose(c, create(preImage, bob, alice, hashlock), now));
    Transition countersigned = ok(gateway.countersign(c, proposed.update(), now));
    Transition resolved =
        ok(gateway.propose(countersigned.next(), resolve(countersigned.next(), preImage), now));
    ChannelWrite write =
        new ChannelWrite(
            c.nonce(),
            new StoredChannel(resolved.next(), countersigned.next()),
            List.of(countersigned.update(), resolved.update()));

    List<TransactWriteItemsRequest> sent = new ArrayList<>();
    DynamoDbChannelStore store = new DynamoDbChannelStore(capturing(sent), TABLES, clock());
    try {
      store.write(write);
    } catch (StaleChannelException e) {
      throw new IllegalStateException("a captured write cannot be stale", e);
    }
    if (sent.size() != 1) {
      throw new IllegalStateException("a paid request is one transaction, saw " + sent.size());
    }
    return sent.get(0);
  }

  private static UpdateParams.Create create(
      Bytes32 preImage, Address bob, Address alice, Address hashlock) {
    return new UpdateParams.Create(
        token(),
        new Balance(PRICE, Uint256.ZERO, bob, alice),
        hashlock,
        Uint256.of(24 * 3600),
        new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.ZERO));
  }

  private static UpdateParams.Resolve resolve(Channel created, Bytes32 preImage) {
    Bytes32 id =
        ((UpdateDetails.Create) created.latestUpdate().orElseThrow().details()).transferId();
    return new UpdateParams.Resolve(id, new HashlockResolver(preImage));
  }

  /** Propose, countersign, accept: both parties' full round, for the history before the payment. */
  private static Channel round(
      Channel c, ChannelParty proposer, ChannelParty receiver, UpdateParams p, ChainInputs in) {
    Transition proposed = ok(proposer.propose(c, p, in));
    Transition countersigned = ok(receiver.countersign(c, proposed.update(), in));
    return ok(proposer.acceptDoubleSigned(c, countersigned.update(), in)).next();
  }

  private static <T> T ok(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw new IllegalStateException("update refused: " + outcome.rejection());
    }
    return outcome.value();
  }

  /** Keeps every transaction instead of sending it; nothing else is expected of it. */
  private static DynamoDbClient capturing(List<TransactWriteItemsRequest> sent) {
    return new DynamoDbClient() {
      @Override
      public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        sent.add(request);
        return TransactWriteItemsResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return "dynamodb";
      }

      @Override
      public void close() {}
    };
  }

  /** A clock with milliseconds, as Lambda's: a payment's time is stored to the millisecond. */
  private static Clock clock() {
    return new Clock() {
      @Override
      public long nowSeconds() {
        return NOW;
      }

      @Override
      public long nowMillis() {
        return NOW_MILLIS;
      }
    };
  }

  private static Address token() {
    return Address.fromHex("0x7e57000000000000000000000000000000000001");
  }

  private static Address address(SecureRandom random) {
    byte[] b = new byte[20];
    random.nextBytes(b);
    return Address.fromHex("0x" + HexFormat.of().formatHex(b));
  }

  private static Bytes32 word(SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Bytes32.of(b);
  }
}
