/**
 * --report: a real run (a folder converged, with changes, a diff, a handler and an ignored
 * failure) written as one HTML page and opened in Debian's headless Chromium, offline: the grid
 * renders a cell per task and host group, a changed cell opens its diff, and the recap matches
 * the run's. A screenshot is kept in test-artifacts/.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/run-cli.js';
import { parseReport } from '../harness/report.js';
import { needs } from '../harness/tiers.js';
import { artifact, openBrowser, type OpenBrowser } from '../harness/browser.js';

const playbook = new URL('../fixtures/converge/site.yml', import.meta.url).pathname;

describe('the HTML run report (--report) @browser', function () {
  this.timeout(120_000);
  let dir = '';
  let page = '';
  let open: OpenBrowser | undefined;
  let report: ReturnType<typeof parseReport>;

  before(async function () {
    needs(this, 'browser');
    dir = mkdtempSync(join(tmpdir(), 'sr-report-'));
    page = join(dir, 'run.html');
    const r = await runCli([playbook, '-e', `root=${join(dir, 'root')}`, '--diff', '--json', '--report', page]);
    assert.equal(r.code, 0, r.stdout);
    report = parseReport(r.stdout);
    open = await openBrowser();
  });
  after(async () => {
    await open?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is one file that needs no network', () => {
    const html = readFileSync(page, 'utf8');
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'no external script, style or image');
  });

  it('renders the grid and the recap, and a changed cell opens its diff', async () => {
    const p = await open!.browser.newPage();
    const requests: string[] = [];
    p.on('request', (req) => { if (!req.url().startsWith('file:')) requests.push(req.url()); });
    await p.goto(pathToFileURL(page).href);
    const tasks = report.plays.flatMap((t) => t.tasks);
    assert.equal(await p.locator('#grid td.cell').count(), tasks.length, 'one cell per task for the one host');
    assert.equal(await p.locator('#grid td.cell.changed').count(), tasks.filter((t) => t.hosts.localhost?.status === 'changed').length);
    const recap = await p.locator('#recap tbody tr td').allTextContents();
    const stats = report.stats.localhost!;
    assert.deepEqual(recap.slice(0, 8), ['localhost', ...[stats.ok, stats.changed, stats.unreachable, stats.failed, stats.skipped, stats.rescued, stats.ignored].map(String)]);

    const withDiff = tasks.findIndex((t) => (t.hosts.localhost?.diff?.length ?? 0) > 0);
    assert.ok(withDiff >= 0, 'the run has a diff to show');
    await p.locator(`#c${withDiff}-0`).click();
    const shown = await p.locator('tr.detail pre.diff').first().textContent();
    const diff = tasks[withDiff]!.hosts.localhost!.diff![0] as { before: string; after: string };
    const added = diff.after.split('\n').filter((l) => l && !diff.before.split('\n').includes(l));
    assert.ok(added.length > 0);
    for (const line of added) assert.ok(shown?.includes(`+${line}`), `the diff shown lacks +${line}:\n${shown}`);
    await p.screenshot({ path: artifact('run-report.png'), fullPage: true });
    await p.locator(`#c${withDiff}-0`).click();
    assert.equal(await p.locator('tr.detail').count(), 0, 'a second click closes it');
    assert.deepEqual(requests, [], 'the page asked the network for nothing');
  });

  it('folds hosts whose results agree into one column', async () => {
    const html = join(dir, 'three.html');
    const hosts = join(dir, 'hosts');
    writeFileSync(hosts, ['a', 'b', 'c'].map((h) => `${h} ansible_connection=local`).join('\n') + '\n');
    const book = join(dir, 'three.yml');
    writeFileSync(book, JSON.stringify([{ hosts: 'all', gather_facts: false, tasks: [
      { name: 'same everywhere', debug: { msg: 'hi' } },
      { name: 'only on c', command: 'true', when: "inventory_hostname == 'c'" },
    ] }]));
    assert.equal((await runCli(['-i', hosts, book, '--report', html])).code, 0);
    const p = await open!.browser.newPage();
    await p.goto(pathToFileURL(html).href);
    assert.deepEqual(await p.locator('#grid th.host').allTextContents(), ['a +1', 'c']);
    assert.equal(await p.locator('#grid th.host').first().getAttribute('title'), 'a, b');
  });
});
