#!/usr/bin/env node
/**
 * dist/bundle/: the compiled CLI (dist/runner/cli/main.js, from `tsc -p .`) as one ES module
 * plus chunks for what only some commands need (the SSH connection, `lab`, `vault`, the
 * validators of rendered module arguments). Node then reads and links a handful of files at
 * start-up instead of about 350 (most of `showrunner run --syntax-check` used to be that).
 * bin/showrunner.js runs the bundle when it is at least as new as dist/runner/cli/main.js, and
 * the unbundled dist/ otherwise, so `npx tsc -p .` alone still gives a CLI that runs the change.
 *
 * Left outside the bundle: ssh2 (optional native parts), nunjucks (runner/template reaches
 * files inside the package by path, which must be the same copy), zx and playwright-core.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'runner', 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['ssh2', 'nunjucks', 'zx', 'playwright-core'],
  // Bundled CommonJS packages (ajv's run-time helpers, yaml, diff) call require.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  // Less to read and parse at start-up; names are kept, and the source map points at dist/ (--enable-source-maps).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // schemas/modules/package.json is the `package` module's schema, not a package manifest.
  logOverride: { 'package.json': 'silent' },
});
