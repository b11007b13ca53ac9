/**
 * Templates known to parse, kept between runs: checking every template of a playbook before the
 * run (check.ts) compiles each one, most of the start-up of a large playbook, and the answer for a
 * text that parsed once is the same until the code or its filters and tests change. One file per
 * build in cacheDir(), `templates-<build>-<filters and tests>.txt`: the texts, each prefixed with
 * its kind, separated by NUL. Texts with problems are never kept (their error is always reported
 * afresh). Any problem with the file is the same as an empty one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, stamp } from '../load/cache-dir.js';
import { filterNames, testNames } from './environment.js';

/** Past this many texts the file starts over (a long-lived cache of many projects). */
const LIMIT = 20_000;

let known: Set<string> | undefined;
let fresh: string[] = [];
let file: string | undefined;
let knownDir: string | undefined;
let saving = false;

function load(): Set<string> {
  const dir = cacheDir();
  if (known && dir === knownDir) return known;
  save();
  known = new Set();
  file = undefined;
  knownDir = dir;
  if (!dir) return known;
  const names = createHash('sha1').update(`${filterNames().sort().join(',')}\0${testNames().sort().join(',')}`).digest('hex').slice(0, 12);
  file = join(dir, `templates-${stamp()}-${names}.txt`);
  try {
    for (const entry of readFileSync(file, 'utf8').split('\0')) if (entry) known.add(entry);
  } catch {
    // none yet
  }
  return known;
}

export function knownGood(kind: string, text: string): boolean {
  return load().has(`${kind}\u0001${text}`);
}

export function rememberGood(kind: string, text: string): void {
  const entry = `${kind}\u0001${text}`;
  const set = load();
  if (!file || set.has(entry)) return;
  set.add(entry);
  if (fresh.push(entry) === 1 && !saving) {
    saving = true;
    process.once('exit', save);
  }
}

/** Adds this run's texts to what the file holds now (another run may have added its own since). */
function save(): void {
  if (!file || !fresh.length) return;
  try {
    let now = '';
    try {
      now = readFileSync(file, 'utf8');
    } catch {
      // the first
    }
    if (now.split('\0').length > LIMIT) now = '';
    const dir = join(file, '..');
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${now}${fresh.join('\0')}\0`);
    renameSync(tmp, file);
    const mine = file.slice(dir.length + 1);
    for (const old of readdirSync(dir)) if (old.startsWith('templates-') && old !== mine && !old.endsWith('.tmp')) rmSync(join(dir, old), { force: true });
  } catch {
    // kept next time
  }
  fresh = [];
}
