// Bundles the browser scripts of the sample site (the payer widget, the dashboard) with esbuild,
// from the npm packages pinned in package-lock.json: nothing is loaded from a CDN at run time.
//   node sample-paywall/src/build/bundle.mjs <output directory>
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) {
  console.error('usage: bundle.mjs <output directory>');
  process.exit(2);
}
const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'main', 'js');
const entries = ['widget.mjs', 'dashboard.mjs']
  .map((name) => path.join(src, name))
  .filter((file) => existsSync(file));
await build({
  entryPoints: entries,
  outdir: out,
  outExtension: { '.js': '.js' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
