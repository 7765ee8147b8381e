// The gateway as seen by x402's own facilitator client (@x402/core's HTTPFacilitatorClient, the
// one every stock x402 resource server uses): /supported, /verify and /settle must pass its
// schemas. Called by StockFacilitatorClientTest with a genuine payment the Java payer made; prints
// one JSON object with every answer, and PAYMENT-RESPONSE for the publisher to send.
//
//   node x402-facilitator.mjs <gateway URL> <publisher token> <payment payload JSON file>
import { readFileSync } from "node:fs";
import { HTTPFacilitatorClient, encodePaymentResponseHeader } from "@x402/core/http";

const [gateway, token, payloadFile] = process.argv.slice(2);
const payload = JSON.parse(readFileSync(payloadFile, "utf8"));
const auth = { Authorization: `Bearer ${token}` };
const client = new HTTPFacilitatorClient({
  url: gateway,
  createAuthHeaders: async () => ({ supported: auth, verify: auth, settle: auth }),
});

const supported = await client.getSupported();
const requirements = payload.accepted;
// The server asks one unit more than the quote: refused, as an answer, charging nothing.
const dearer = { ...requirements, amount: (BigInt(requirements.amount) + 1n).toString() };
const refusedVerify = await client.verify(payload, dearer);
let refusedSettle;
try {
  refusedSettle = await client.settle(payload, dearer);
} catch (e) {
  refusedSettle = { thrown: e.name, errorReason: e.errorReason, errorMessage: e.errorMessage };
}
const verify = await client.verify(payload, requirements);
const settle = await client.settle(payload, requirements);
// What Tollgate's server scheme hands the payer: the settlement, with the countersigned updates the
// facilitator client kept under extensions lifted to where a Tollgate payer reads them.
const scheme = settle.extensions?.["vector-hashlock"] ?? {};
const paymentResponse = encodePaymentResponseHeader({ ...settle, ...scheme });
console.log(JSON.stringify({ supported, refusedVerify, refusedSettle, verify, settle, paymentResponse }));
