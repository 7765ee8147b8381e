package dev.tollgate.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which messages of a batch fail, and which are handled, when one of them cannot be. */
class EventBatchTest {
  private static final Address A = Address.fromHex("0x00000000000000000000000000000000000000aa");
  private static final Address B = Address.fromHex("0x00000000000000000000000000000000000000bb");
  private static final Address TOKEN =
      Address.fromHex("0x1000000000000000000000000000000000000001");

  private final List<String> handled = new ArrayList<>();

  private static ChainEvent deposit(Address channel, long block) {
    return new ChainEvent.TokenDeposited(
        new EventOrigin(Bytes32.ZERO, block, block, Bytes32.ZERO),
        channel,
        TOKEN,
        channel,
        Uint256.of(block));
  }

  private static SQSEvent.SQSMessage message(String id, String group, String body) {
    SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
    m.setMessageId(id);
    m.setBody(body);
    m.setAttributes(Map.of(EventBatch.GROUP_ATTRIBUTE, group));
    return m;
  }

  private static SQSEvent.SQSMessage message(String id, ChainEvent event) {
    return message(id, event.channel().toChecksumHex(), ChainEventJson.write(event));
  }

  private String handle(ChainEvent event) {
    if (event.origin().blockNumber() == 1) {
      throw new IllegalStateException("the chain did not answer");
    }
    handled.add(event.channel() + "@" + event.origin().blockNumber());
    return "done";
  }

  @Test
  void aFailureHoldsBackItsChannelsLaterEventsButNotOtherChannelsNorUnreadableMessages() {
    SQSEvent batch = new SQSEvent();
    batch.setRecords(
        List.of(
            message("a1", deposit(A, 1)),
            message("unreadable", A.toChecksumHex(), "{\"type\":"),
            message("b2", deposit(B, 2)),
            message("a3", deposit(A, 3)),
            message("b4", deposit(B, 4))));

    SQSBatchResponse response = new EventBatch(this::handle).process(batch);

    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("a1", "unreadable", "a3");
    assertThat(handled).containsExactly(B + "@2", B + "@4");
  }

  @Test
  void anEmptyBatchFailsNothing() {
    assertThat(new EventBatch(this::handle).process(new SQSEvent()).getBatchItemFailures())
        .isEmpty();
  }
}
