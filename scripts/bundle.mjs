#!/usr/bin/env node
/**
 * dist/bundle/main.cjs: the compiled CLI (dist/runner/cli/main.js, from `tsc -p .`) as one
 * CommonJS file, nunjucks included. Node then reads one file at start-up instead of about 350,
 * and bin/showrunner.js can keep V8's compiled code of that one file between runs (Node 20 has
 * no compile cache of its own for ES modules). bin/showrunner.js runs the bundle when it is at
 * least as new as dist/runner/cli/main.js, and the unbundled dist/ otherwise, so `npx tsc -p .`
 * alone still gives a CLI that runs the change.
 *
 * ssh2 is bundled too (its modules cost about 30 ms to compile on every run otherwise); its
 * optional native parts stay outside and are found where npm put them: the crypto binding
 * through the ssh2 package, cpu-features as a package. Left outside as well: zx and
 * playwright-core (ES modules, imported only by the commands that need them).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');

/** ssh2's compiled crypto binding, required from the package at run time (a missing one is ssh2's own fallback). */
const sshNativeOutside = {
  name: 'ssh2-native-outside',
  setup(b) {
    b.onResolve({ filter: /sshcrypto\.node$/ }, () => ({ path: 'ssh2/lib/protocol/crypto/build/Release/sshcrypto.node', external: true }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'runner', 'cli', 'main.js')],
  outfile: join(outdir, 'main.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // nunjucks' file-watching loader (never used) asks for chokidar inside a try.
  external: ['cpu-features', 'zx', 'playwright-core', 'chokidar', 'fsevents'],
  // The sources are ES modules: their import.meta.url is the bundle's own file URL, and an
  // import() is a require (code V8 keeps between runs has no loader for import()).
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': 'bundleFileUrl' },
  banner: { js: "const bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Less to read and parse at start-up; names are kept, and the source map points at dist/ (--enable-source-maps).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  plugins: [sshNativeOutside],
  logLevel: 'warning',
  // schemas/modules/package.json is the `package` module's schema, not a package manifest.
  logOverride: { 'package.json': 'silent' },
});
