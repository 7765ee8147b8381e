package dev.tollgate.core.transfer;

import dev.tollgate.core.abi.AbiWriter;

/** ABI encodings of the Withdraw definition's state and resolver (both dynamic tuples). */
final class WithdrawAbi {
  private static final int STATE_HEAD_WORDS = 8;
  private static final int SIGNATURE_BYTES = 65;

  private WithdrawAbi() {}

  static byte[] encodeState(WithdrawState s) {
    byte[] sig = s.initiatorSignature().toArray();
    byte[] callData = s.callData();
    int sigWords = 1 + AbiWriter.paddedWords(sig.length);
    int callWords = 1 + AbiWriter.paddedWords(callData.length);
    AbiWriter w = new AbiWriter(1 + STATE_HEAD_WORDS + sigWords + callWords);
    w.uint(AbiWriter.WORD)
        .uint(STATE_HEAD_WORDS * AbiWriter.WORD)
        .address(s.initiator())
        .address(s.responder())
        .bytes32(s.data())
        .uint(s.nonce())
        .uint(s.fee())
        .address(s.callTo())
        .uint((STATE_HEAD_WORDS + sigWords) * AbiWriter.WORD)
        .bytesTail(sig)
        .bytesTail(callData);
    return w.finish();
  }

  static byte[] encodeResolver(WithdrawResolver r) {
    byte[] sig =
        r.responderSignature().map(s -> s.toArray()).orElseGet(() -> new byte[SIGNATURE_BYTES]);
    AbiWriter w = new AbiWriter(2 + 1 + AbiWriter.paddedWords(sig.length));
    w.uint(AbiWriter.WORD).uint(AbiWriter.WORD).bytesTail(sig);
    return w.finish();
  }
}
