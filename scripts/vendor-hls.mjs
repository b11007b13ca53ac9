#!/usr/bin/env node
/**
 * Copies hls.js (a devDependency from the npm registry) into the web-content role's files, so
 * the player page is served from the streaming host and no viewer loads it from a CDN.
 * Run by `npm run prepare` (and so by `npm ci`); the copied files are not committed.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules/hls.js');
const to = join(root, 'roles/web-content/files');
if (!existsSync(join(from, 'dist/hls.min.js'))) {
  console.error('vendor-hls: node_modules/hls.js is missing; run npm ci first');
  process.exit(1);
}
mkdirSync(to, { recursive: true });
copyFileSync(join(from, 'dist/hls.min.js'), join(to, 'hls.min.js'));
copyFileSync(join(from, 'LICENSE'), join(to, 'hls.js.LICENSE'));
const { version } = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
console.log(`vendor-hls: hls.js ${version} copied to roles/web-content/files/`);
