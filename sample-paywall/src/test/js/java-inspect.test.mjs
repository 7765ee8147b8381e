// The JavaScript payer's channels and updates, read by channel-core itself. Java must parse the
// JSON this code writes, apply each update exactly as the gateway would (UpdateApplier regenerates
// it from its params and checks the signatures) and arrive at the same channel; `./tollgate
// inspect` must compute the same hashes and recover both signatures. Needs channel-core on a
// classpath (see channelCoreClasspath); without it the checks say so and skip. The vector tests
// never skip.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  chainInputs,
  channelDigest,
  coreState,
  countersign,
  encodeHashlockState,
  propose,
  readChannel,
  stateHash,
  transferStateHash,
} from '@tollgate/x402-client/protocol';
import {
  GATEWAY,
  GATEWAY_KEY,
  HASHLOCK,
  NETWORK,
  PAYER,
  PAYER_KEY,
  RULES,
  TOKEN,
  channelFor,
  createParams,
  lock,
} from './support/parties.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * channel-core on a classpath: this module's runtime classpath (target/classpath.txt, which holds
 * the channel-core jar), or channel-core's own classes with the classpath ./tollgate writes.
 */
function channelCoreClasspath() {
  const own = path.join(root, 'sample-paywall/target/classpath.txt');
  if (existsSync(own)) return readFileSync(own, 'utf8').trim();
  const classes = path.join(root, 'channel-core/target/classes');
  const deps = path.join(root, 'channel-core/target/classpath.txt');
  if (existsSync(classes) && existsSync(deps)) return `${classes}${path.delimiter}${readFileSync(deps, 'utf8').trim()}`;
  return null;
}

const classpath = channelCoreClasspath();
const available = classpath !== null;
if (!available) {
  console.log(
    'java-inspect: channel-core is not built (neither sample-paywall/target/classpath.txt nor ' +
      'channel-core/target/classes with target/classpath.txt, which ./tollgate writes); skipping the checks against Java',
  );
}
const NOW = 1_763_700_000;

// Applies each step's update to its channel with channel-core, as the receiving party would.
const APPLY_IN_JAVA = `
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.*;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;

public class ApplyInJava {
  public static void main(String[] args) throws Exception {
    JsonNode in = ChannelJson.parse(new String(System.in.readAllBytes(), "UTF-8"));
    Address hashlock = Address.fromHex(in.get("hashlock").asText());
    ChannelRules rules = ChannelRules.defaults(TransferRegistry.of(hashlock, Address.ZERO));
    ArrayNode out = ChannelJson.MAPPER.createArrayNode();
    for (JsonNode step : in.get("steps")) {
      Channel channel = ChannelJson.channel(step.get("channel"), "channel");
      ChannelUpdate update = ChannelJson.update(step.get("update"), "update");
      ChainInputs inputs = ChainInputs.at(in.get("now").asLong());
      if (step.has("totals")) {
        inputs = inputs.withDeposits(update.assetId(), new DepositTotals(
            Uint256.parse(step.get("totals").get("alice").asText()),
            Uint256.parse(step.get("totals").get("bob").asText())));
      }
      var applied = UpdateApplier.applyUpdate(channel, update, inputs, rules);
      if (applied.isOk()) {
        out.add(ChannelJson.toJson(applied.value().next()));
      } else {
        out.addObject().put("rejection", applied.rejection().reason().errorReason());
      }
    }
    System.out.println(ChannelJson.write(out));
  }
}
`;

function java(mainClass, input, source) {
  const args = ['-cp', classpath];
  if (source) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tollgate-java-')), `${mainClass}.java`);
    writeFileSync(file, source);
    args.push(file);
  } else {
    args.push(mainClass);
  }
  const run = spawnSync('java', args, { input: JSON.stringify(input), encoding: 'utf8' });
  assert.equal(run.status, 0, `java ${mainClass} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const inspect = (object) => java('dev.tollgate.core.cli.Inspect', object);

/**
 * setup, deposit and a hashlock create proposed by the payer, then the gateway's resolve: each
 * step is {channel before, the update as sent, the totals it reconciles, channel after}.
 */
function payerSteps() {
  const { preImage, lockHash } = lock('java');
  const steps = [];
  let payer = channelFor();
  let gateway = channelFor();
  const round = (params, totals) => {
    const inputs = chainInputs(NOW, totals ? { [TOKEN]: totals } : {});
    const proposed = propose(payer, params, inputs, RULES, PAYER_KEY);
    const answered = countersign(gateway, proposed.update, inputs, RULES, GATEWAY_KEY);
    steps.push({ channel: payer, update: proposed.update, totals, after: proposed.channel });
    payer = answered.channel;
    gateway = answered.channel;
  };
  round({ type: 'setup', timeout: '172800', networkContext: NETWORK });
  round({ type: 'deposit', assetId: TOKEN }, { alice: '0', bob: '10000000' });
  round(createParams('1500', lockHash));
  const transferId = payer.latestUpdate.details.transferId;
  const resolve = propose(gateway, { type: 'resolve', transferId, transferResolver: { preImage } }, chainInputs(NOW), RULES, GATEWAY_KEY);
  steps.push({ channel: payer, update: resolve.update, after: resolve.channel });
  return { steps, withTransfer: steps[3].channel };
}

test('channel-core applies every update the payer builds, and refuses one changed after signing', { skip: !available }, () => {
  const { steps } = payerSteps();
  const create = steps[2];
  const altered = { ...create.update, balance: { ...create.update.balance, amount: ['0', '9999000'] } };
  const sent = [...steps.map(({ channel, update, totals }) => ({ channel, update, totals })), { channel: create.channel, update: altered }];
  const results = java('ApplyInJava', { hashlock: HASHLOCK, now: NOW, steps: sent }, APPLY_IN_JAVA);
  assert.equal(results.length, 5);
  steps.forEach((step, i) => {
    assert.equal(results[i].rejection, undefined, `channel-core refused the ${step.update.type}: ${results[i].rejection}`);
    assert.deepEqual(readChannel(results[i]), step.after, `the channel after the ${step.update.type}`);
  });
  assert.equal(results[4].rejection, 'update_mismatch');
});

test('tollgate inspect agrees on the state hash, digest, signers and merkle root', { skip: !available }, () => {
  const channel = payerSteps().withTransfer;
  const out = inspect(channel);
  assert.equal(out.kind, 'channelState');
  assert.equal(out.stateHash, stateHash(coreState(channel)));
  assert.equal(out.digest, channelDigest(coreState(channel)));
  assert.deepEqual(out.signatures.aliceSignature, { signer: GATEWAY, matches: true });
  assert.deepEqual(out.signatures.bobSignature, { signer: PAYER, matches: true });
  assert.deepEqual(out.merkleRoot, { computed: channel.merkleRoot, matches: true });
});

test('tollgate inspect agrees on the transfer id and hashes', { skip: !available }, () => {
  const transfer = payerSteps().withTransfer.activeTransfers[0];
  const out = inspect(transfer);
  assert.equal(out.kind, 'transfer');
  assert.equal(out.transferStateHash, transferStateHash(transfer));
  assert.deepEqual(out.transferId, { computed: transfer.transferId, matches: true });
  assert.deepEqual(out.initialStateHash, {
    encodedState: encodeHashlockState(transfer.transferState),
    computed: transfer.initialStateHash,
    matches: true,
  });
});
