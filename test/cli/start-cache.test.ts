/**
 * What the CLI keeps between runs to start quicker: V8's code of the bundle and the templates
 * known to parse. A run answered from them says exactly what a run without them says; a damaged
 * cache is the same as none; a template with an error is reported however often it was seen.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const fixture = join(root, 'test/fixtures/start-cache/site.yml');

/** The bundle as `npm run build` leaves it, built again when tsc wrote the CLI after it. */
function ensureBundle(): void {
  const at = (p: string) => { try { return statSync(join(root, p)).mtimeMs; } catch { return -1; } };
  if (at('dist/bundle/main.cjs') < at('dist/runner/cli/main.js')) execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs')], { stdio: 'inherit' });
}

describe('the start-up cache', function () {
  this.timeout(60_000);
  let dir: string;
  let cache: string;
  before(ensureBundle);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sr-start-cache-'));
    cache = join(dir, 'cache');
    copyFileSync(fixture, join(dir, 'site.yml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[], cacheDir = cache) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/showrunner.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, SHOWRUNNER_CACHE_DIR: cacheDir, NO_COLOR: '1' } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const files = (kind: string) => { try { return readdirSync(cache).filter((f) => f.startsWith(kind)); } catch { return []; } };

  it('keeps the compiled bundle, the parsed and the compiled templates, and a run from them says the same', () => {
    const first = cli(['run', 'site.yml']);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /"msg": "HELLO from localhost"/);
    assert.equal(files('code-').length, 1, 'the compiled bundle is kept');
    assert.match(files('code-')[0]!, /\.run\.v8$/);
    const [templates] = files('templates-');
    assert.ok(templates, 'the templates that parsed are kept');
    const kept = readFileSync(join(cache, templates), 'utf8');
    assert.ok(kept.includes('{{ greeting | upper }} from {{ inventory_hostname }}'), kept);
    assert.ok(kept.includes('greeting is defined and greeting | length > 3'), kept);
    const [compiled] = files('compiled-');
    assert.ok(compiled, 'the code the templates compiled to is kept');
    assert.ok(readFileSync(join(cache, compiled), 'utf8').includes('{{ greeting | upper }} from {{ inventory_hostname }}'));

    const second = cli(['run', 'site.yml']);
    assert.equal(second.code, 0, second.err);
    assert.equal(second.out, first.out);
    assert.equal(second.err, first.err);
    assert.equal(cli(['run', 'site.yml'], 'off').out, first.out, 'the same without any cache');
    // Kept code that does not compile is compiled afresh from the template.
    writeFileSync(join(cache, compiled), readFileSync(join(cache, compiled), 'utf8').replace(/"code":"/g, '"code":"}}} '));
    const damaged = cli(['run', 'site.yml']);
    assert.equal(damaged.out, first.out, damaged.err);
  });

  it('reports a template error whatever the cache holds, and a damaged cache is no cache', () => {
    assert.equal(cli(['run', 'site.yml', '--syntax-check']).code, 0);
    const [code] = files('code-');
    writeFileSync(join(cache, code!), 'not V8 code at all');
    writeFileSync(join(dir, 'site.yml'), readFileSync(fixture, 'utf8').replace('greeting | upper', 'greeting | uper'));
    for (let i = 0; i < 2; i++) {
      const bad = cli(['run', 'site.yml', '--syntax-check']);
      assert.equal(bad.code, 5, bad.out + bad.err);
      assert.match(bad.err, /site\.yml:9:\d+: .*no filter named 'uper'/);
      assert.match(bad.err, /did you mean 'upper'/);
    }
    assert.notEqual(readFileSync(join(cache, code!), 'utf8'), 'not V8 code at all', 'the rejected code was written again');
    assert.equal(files('code-').length, 1);
  });

  it('keeps nothing when off', () => {
    assert.equal(cli(['run', 'site.yml', '--syntax-check'], 'off').code, 0);
    assert.deepEqual(files(''), []);
  });
});
