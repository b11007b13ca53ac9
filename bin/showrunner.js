#!/usr/bin/env node
import module, { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/bundle/main.cjs', import.meta.url));

/** The one-file build (scripts/bundle.mjs) when it is not older than what tsc last wrote. */
function bundleStat() {
  try {
    const at = statSync(bundle);
    return at.mtimeMs >= statSync(new URL('../dist/runner/cli/main.js', import.meta.url)).mtimeMs ? at : undefined;
  } catch {
    return undefined;
  }
}

/** Where compiled code is kept: the parse cache's directory (runner/load/yaml-cache.ts), or nowhere. */
function cacheDir() {
  const env = process.env.SHOWRUNNER_CACHE_DIR;
  if (env === 'off') return undefined;
  return env || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'showrunner');
}

/**
 * Runs the bundle with V8's code for it from the last run, when there is one for this build and
 * this Node: the bundle is then neither parsed nor compiled again, its functions included. Node
 * 22 does the same for ES modules by itself; Node 20 does not, hence a CommonJS bundle. The code
 * is written once (again when V8 rejects it), after a `run` when it can: that run compiled the
 * most; the code of older builds goes then. Any problem with the cache is the same as having none.
 */
function runBundle(at) {
  const dir = cacheDir();
  const require = createRequire(bundle);
  if (!dir) return require(bundle);
  const key = `code-${Math.trunc(at.mtimeMs)}-${at.size}-${process.version}-${process.arch}`;
  const read = (kind) => {
    try {
      return readFileSync(join(dir, `${key}.${kind}.v8`));
    } catch {
      return undefined;
    }
  };
  const fromRun = read('run');
  const cachedData = fromRun ?? read('any');
  const source = readFileSync(bundle, 'utf8').replace(/^#!/, '//');
  const script = new vm.Script(module.wrap(source), { filename: bundle, cachedData });
  const kind = process.argv[2] === 'run' ? 'run' : 'any';
  if (!cachedData || script.cachedDataRejected || (!fromRun && kind === 'run')) {
    process.once('exit', () => {
      try {
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${key}.${kind}.v8`);
        writeFileSync(`${file}.${process.pid}.tmp`, script.createCachedData());
        renameSync(`${file}.${process.pid}.tmp`, file);
        for (const old of readdirSync(dir)) if (old.startsWith('code-') && !old.startsWith(key)) rmSync(join(dir, old), { force: true });
      } catch {
        // kept next time
      }
    });
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, require, mod, bundle, join(bundle, '..'));
}

// Node 22.1+ keeps compiled code between runs; older Node has no such cache.
module.enableCompileCache?.();

const at = bundleStat();
if (at) runBundle(at);
else await import('../dist/runner/cli/main.js');
