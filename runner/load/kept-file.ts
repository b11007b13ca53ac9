/**
 * Entries kept between runs in one file of cacheDir(): `NAME-<build>-<variant>.txt`, entries
 * separated by NUL, each `key` STX `value`. A run adds what it learnt when it exits, to what the
 * file holds then (another run may have added its own); files of other builds or variants are
 * removed. Any problem with the file is the same as an empty one: what is kept only saves work.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, stamp } from './cache-dir.js';

/** Past this many entries the file starts over (a long-lived cache of many projects). */
const LIMIT = 20_000;
const SEP = '\u0002';

export class KeptFile {
  private entries?: Map<string, string>;
  private fresh: string[] = [];
  private file?: string;
  private dir?: string;
  private saving = false;

  /** `variant`: what else the entries depend on, besides the build (asked once per cache directory). */
  constructor(private readonly name: string, private readonly variant: () => string) {}

  private load(): Map<string, string> {
    const dir = cacheDir();
    if (this.entries && dir === this.dir) return this.entries;
    this.save();
    this.entries = new Map();
    this.file = undefined;
    this.dir = dir;
    if (!dir) return this.entries;
    this.file = join(dir, `${this.name}-${stamp()}-${this.variant()}.txt`);
    try {
      for (const entry of readFileSync(this.file, 'utf8').split('\0')) {
        const at = entry.indexOf(SEP);
        if (at >= 0) this.entries.set(entry.slice(0, at), entry.slice(at + 1));
      }
    } catch {
      // none yet
    }
    return this.entries;
  }

  get(key: string): string | undefined {
    return this.load().get(key);
  }

  add(key: string, value = ''): void {
    const entries = this.load();
    if (!this.file || entries.has(key) || /[\0\u0002]/.test(key) || value.includes('\0')) return;
    entries.set(key, value);
    if (this.fresh.push(`${key}${SEP}${value}`) === 1 && !this.saving) {
      this.saving = true;
      process.once('exit', () => this.save());
    }
  }

  private save(): void {
    const file = this.file;
    if (!file || !this.fresh.length) return;
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
      writeFileSync(tmp, `${now}${this.fresh.join('\0')}\0`);
      renameSync(tmp, file);
      const mine = file.slice(dir.length + 1);
      for (const old of readdirSync(dir)) if (old.startsWith(`${this.name}-`) && old !== mine && !old.endsWith('.tmp')) rmSync(join(dir, old), { force: true });
    } catch {
      // kept next time
    }
    this.fresh = [];
  }
}
