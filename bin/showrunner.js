#!/usr/bin/env node
import module from 'node:module';
import { statSync } from 'node:fs';

// Node 22.1+ keeps compiled code between runs; older Node has no such cache.
module.enableCompileCache?.();

/** The one-file build (scripts/bundle.mjs) when it is not older than what tsc last wrote. */
function bundleIsCurrent() {
  try {
    const at = (p) => statSync(new URL(p, import.meta.url)).mtimeMs;
    return at('../dist/bundle/main.js') >= at('../dist/runner/cli/main.js');
  } catch {
    return false;
  }
}

await import(bundleIsCurrent() ? '../dist/bundle/main.js' : '../dist/runner/cli/main.js');
