// Every failure a reader can meet has its own plain sentence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PayerError, PayerErrors } from '@tollgate/x402-client/payer/errors.mjs';
import { readerMessage } from '../../main/js/widget/messages.mjs';

const context = { symbol: 'TEST', decimals: 6 };

test('each payer error code reads differently, and none falls back to the generic sentence', () => {
  const generic = readerMessage(new Error('boom'), context);
  const sentences = Object.values(PayerErrors).map((code) => readerMessage(new PayerError(code, 'detail'), context));
  for (const sentence of sentences) assert.notEqual(sentence, generic);
  assert.equal(new Set(sentences).size, sentences.length);
});

test('insufficient balance names the balance and the price in TEST', () => {
  const message = readerMessage(new PayerError(PayerErrors.INSUFFICIENT_BALANCE, ''), { ...context, price: 1500n, balance: 1000n });
  assert.match(message, /0\.0010 TEST/);
  assert.match(message, /0\.0015 TEST/);
});

test("a refusal names the gateway's reason in words", () => {
  assert.match(readerMessage(new PayerError(PayerErrors.REFUSED, '', { reason: 'lock_mismatch' }), context), /lock mismatch/);
});
