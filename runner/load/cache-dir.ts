/**
 * Where what is kept between runs lives: $SHOWRUNNER_CACHE_DIR, else $XDG_CACHE_HOME/showrunner,
 * else ~/.cache/showrunner; SHOWRUNNER_CACHE_DIR=off keeps nothing. It holds parsed YAML
 * (yaml-cache.ts), the templates known to parse (template/known-good.ts), the code templates
 * compiled to (template/environment.ts) and V8's code of the bundle (bin/showrunner.js). Everything in it is keyed by the code that wrote it, so a new build
 * never reads an old build's entries.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function cacheDir(): string | undefined {
  const env = process.env.SHOWRUNNER_CACHE_DIR;
  if (env === 'off') return undefined;
  if (env) return env;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'showrunner');
}

/**
 * Running from the bundle (dist/bundle/main.cjs), where the stamp covers all of the code; from the
 * sources (tsx) it covers this file alone, so what depends on other code is not kept then.
 */
export function bundled(): boolean {
  return import.meta.url.endsWith('.cjs');
}

let codeStamp: string | undefined;
/** Changes whenever the code does (a rebuild rewrites this file, or the bundle holding it). */
export function stamp(): string {
  if (codeStamp === undefined) {
    try {
      codeStamp = String(Math.trunc(statSync(fileURLToPath(import.meta.url)).mtimeMs));
    } catch {
      codeStamp = 'unknown';
    }
  }
  return codeStamp;
}
