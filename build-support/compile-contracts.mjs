// Compiles Tollgate's Solidity sources with the solc-js pinned in package-lock.json and writes
// one <Name>.abi (JSON) and <Name>.bin (creation code, hex) per deployable contract, plus
// compiler.json with the exact compiler and settings. Same sources + same solc = same bytes, so
// the committed artifacts can be checked by recompiling.
//
//   node build-support/compile-contracts.mjs <output directory>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceRoot = path.join(root, 'channel-core/src/main/solidity');
const nodeModules = path.join(root, 'node_modules');
const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node build-support/compile-contracts.mjs <output directory>');
  process.exit(2);
}

// The contracts a deployment needs; everything else is an interface, library or base.
const DEPLOYABLE = [
  'ChannelFactory',
  'ChannelMastercopy',
  'TransferRegistry',
  'HashlockTransfer',
  'Withdraw',
  'TestToken',
];

const settings = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 1000 },
  metadata: { bytecodeHash: 'ipfs' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};

function listSources(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listSources(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.sol'))
    .sort();
}

const sources = {};
for (const file of listSources(sourceRoot)) {
  // Unit names relative to the source root keep the metadata hash independent of checkout path.
  sources[path.relative(sourceRoot, file).split(path.sep).join('/')] = {
    content: fs.readFileSync(file, 'utf8'),
  };
}

function findImports(unit) {
  const candidates = [path.join(sourceRoot, unit), path.join(nodeModules, unit)];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    }
  }
  return { error: `import not found: ${unit}` };
}

const output = JSON.parse(
  solc.compile(JSON.stringify({ language: 'Solidity', sources, settings }), { import: findImports }),
);
const errors = (output.errors || []).filter((e) => e.severity === 'error');
// Warnings about the pinned OpenZeppelin sources are not ours to fix.
for (const e of output.errors || []) {
  if (e.severity === 'error' || !(e.sourceLocation?.file || '').startsWith('@openzeppelin/')) {
    console.error(e.formattedMessage);
  }
}
if (errors.length > 0) {
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
const found = new Map();
for (const [unit, contracts] of Object.entries(output.contracts)) {
  for (const [name, artifact] of Object.entries(contracts)) {
    if (DEPLOYABLE.includes(name)) {
      if (found.has(name)) {
        console.error(`contract ${name} is defined in both ${found.get(name)} and ${unit}`);
        process.exit(1);
      }
      found.set(name, unit);
      fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(artifact.abi, null, 2) + '\n');
      fs.writeFileSync(path.join(outDir, `${name}.bin`), artifact.evm.bytecode.object);
    }
  }
}
const missing = DEPLOYABLE.filter((n) => !found.has(n));
if (missing.length > 0) {
  console.error(`not found in the sources: ${missing.join(', ')}`);
  process.exit(1);
}
fs.writeFileSync(
  path.join(outDir, 'compiler.json'),
  JSON.stringify({ compiler: `soljson ${solc.version()}`, settings, contracts: Object.fromEntries(found) }, null, 2) + '\n',
);
console.log(`compiled ${DEPLOYABLE.length} contracts with solc ${solc.version()} into ${outDir}`);
