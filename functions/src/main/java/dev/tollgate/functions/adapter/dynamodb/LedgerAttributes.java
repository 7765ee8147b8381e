package dev.tollgate.functions.adapter.dynamodb;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.adapter.chain.Fees;
import dev.tollgate.functions.adapter.chain.RecordedTransaction;
import dev.tollgate.functions.adapter.chain.SignedTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A signed transaction as DynamoDB attributes, and back. Fees are wei, as decimal numbers. */
final class LedgerAttributes {
  static final String RAW = "raw";
  static final String HASH = "hash";
  static final String MAX_FEE = "maxFeePerGas";
  static final String PRIORITY_FEE = "maxPriorityFeePerGas";
  static final String GAS_LIMIT = "gasLimit";
  static final String SENT_AT = "sentAt";

  private LedgerAttributes() {}

  static Map<String, AttributeValue> attempt(SignedTransaction signed) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(RAW, AttributeValue.fromS(signed.raw()));
    item.put(HASH, AttributeValue.fromS(signed.hash().toHex()));
    item.put(MAX_FEE, AttributeValue.fromN(signed.fees().maxFeePerGas().toString()));
    item.put(PRIORITY_FEE, AttributeValue.fromN(signed.fees().maxPriorityFeePerGas().toString()));
    item.put(GAS_LIMIT, AttributeValue.fromN(signed.gasLimit().toString()));
    item.put(SENT_AT, AttributeValue.fromN(Long.toString(signed.sentAt())));
    return item;
  }

  static RecordedTransaction recorded(Map<String, AttributeValue> item) {
    long nonce = Long.parseLong(item.get(DynamoDbNonceLedger.NONCE).n());
    List<SignedTransaction> attempts = new ArrayList<>();
    attempts.add(signed(nonce, item));
    AttributeValue replacements = item.get(DynamoDbNonceLedger.REPLACEMENTS);
    if (replacements != null) {
      for (AttributeValue replacement : replacements.l()) {
        attempts.add(signed(nonce, replacement.m()));
      }
    }
    return new RecordedTransaction(nonce, item.get(DynamoDbNonceLedger.CALL).s(), attempts);
  }

  private static SignedTransaction signed(long nonce, Map<String, AttributeValue> m) {
    return new SignedTransaction(
        nonce,
        Bytes32.fromHex(m.get(HASH).s()),
        m.get(RAW).s(),
        new Fees(new BigInteger(m.get(MAX_FEE).n()), new BigInteger(m.get(PRIORITY_FEE).n())),
        new BigInteger(m.get(GAS_LIMIT).n()),
        Long.parseLong(m.get(SENT_AT).n()));
  }
}
