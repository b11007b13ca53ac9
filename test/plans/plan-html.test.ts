/**
 * `showrunner show PLAN --html FILE`: a saved plan drawn as the run report is (one self-contained
 * page), opened in Debian's headless Chromium offline: a cell per task, the would-be changes
 * coloured as changes, a cell opens the planned diff. A screenshot is kept in test-artifacts/.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SavedPlan } from '../../runner/plans/plan-file.js';
import { runCli, showCli } from '../helpers/run-cli.js';
import { needs } from '../harness/tiers.js';
import { artifact, openBrowser, type OpenBrowser } from '../harness/browser.js';

const playbook = new URL('../fixtures/converge/site.yml', import.meta.url).pathname;

describe('a saved plan as a page (show --html) @browser', function () {
  this.timeout(120_000);
  let dir = '';
  let page = '';
  let plan: SavedPlan;
  let open: OpenBrowser | undefined;

  before(async function () {
    needs(this, 'browser');
    dir = mkdtempSync(join(tmpdir(), 'sr-plan-html-'));
    const planFile = join(dir, 'plan.json');
    const r = await runCli([playbook, '-e', `root=${join(dir, 'root')}`, '-e', `showrunner_state_dir=${join(dir, 'state')}`, '--check', '--plan-out', planFile]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    plan = JSON.parse(readFileSync(planFile, 'utf8')) as SavedPlan;
    page = join(dir, 'plan.html');
    const s = await showCli([planFile, '--html', page]);
    assert.equal(s.code, 0, s.stderr);
    open = await openBrowser();
  });
  after(async () => {
    await open?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws every planned task, and a would-be change opens its diff', async () => {
    const html = readFileSync(page, 'utf8');
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'no external script, style or image');
    const p = await open!.browser.newPage();
    const requests: string[] = [];
    p.on('request', (req) => { if (!req.url().startsWith('file:')) requests.push(req.url()); });
    await p.goto(pathToFileURL(page).href);
    assert.match(await p.locator('h1').textContent() ?? '', /^Showrunner plan: site\.yml .*\(dry run: --check\)$/);
    const tasks = plan.report.plays.flatMap((t) => t.tasks);
    assert.equal(await p.locator('#grid td.cell').count(), tasks.length);
    const toChange = plan.hosts.localhost!.filter((t) => t.state !== 'ok').length;
    assert.equal(await p.locator('#grid td.cell.changed').count(), toChange, 'each planned change is a changed cell');

    const withDiff = tasks.findIndex((t) => t.title === 'static file');
    await p.locator(`#c${withDiff}-0`).click();
    assert.match(await p.locator('tr.detail').first().textContent() ?? '', /changed — create .*hello\.txt/);
    assert.equal(await p.locator('tr.detail pre.diff').first().textContent().then((t) => t?.includes('+hello')), true);
    await p.screenshot({ path: artifact('plan-report.png'), fullPage: true });
    assert.deepEqual(requests, [], 'the page asked the network for nothing');
  });
});
