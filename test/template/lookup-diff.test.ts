/**
 * The lookup and filter tables (lookup-cases.ts): each expected value was produced by Ansible
 * from a playbook in test/fixtures/lookups/. Ours must match; the @ansible suite checks the table
 * itself against ansible-playbook again.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { render, renderValue, templateVars } from '../../runner/template/index.js';
import { runUnderAnsible } from './ansible-run.js';
import { needs } from '../harness/tiers.js';
import { FILTER_CASES, LOOKUP_CASES, LOOKUP_TEXT_CASES, LOOKUP_VARS } from './lookup-cases.js';

const fixture = new URL('../fixtures/lookups/', import.meta.url).pathname.replace(/\/$/, '');
const ENV = { SHOWRUNNER_LOOKUP_TEST: 'from-env' };
const CASES = [...LOOKUP_CASES, ...FILTER_CASES];

/** An expected error matches when Ansible's (or our) message contains the recorded text. */
function matches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'object' && expected !== null && 'error' in expected) {
    const msg = (actual as { error?: unknown } | null)?.error;
    return typeof msg === 'string' && msg.includes(String((expected as { error: string }).error));
  }
  try {
    assert.deepStrictEqual(actual, expected);
    return true;
  } catch {
    return false;
  }
}

function ours(template: string): unknown {
  const before = process.cwd();
  process.chdir(fixture); // where Ansible ran: the playbook's folder
  try {
    return renderValue(template, { ...LOOKUP_VARS, playbook_dir: fixture });
  } catch (err) {
    return { error: (err as Error).message };
  } finally {
    process.chdir(before);
  }
}

/** A template file of the fixture folder, rendered as the template module renders it. */
function oursText(text: string): string {
  const src = join(fixture, 'templates', 'case.j2');
  try {
    return render(text, { ...LOOKUP_VARS, playbook_dir: fixture, ansible_search_path: [fixture], ...templateVars(src) }, { file: src });
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

describe('lookups, filters and string methods behave as in Ansible (recorded table)', () => {
  before(() => Object.assign(process.env, ENV));
  after(() => delete process.env.SHOWRUNNER_LOOKUP_TEST);
  for (const [template, expected] of CASES) {
    it(template, () => {
      const got = ours(template);
      assert.ok(matches(got, expected), `got ${JSON.stringify(got)}, Ansible gave ${JSON.stringify(expected)}`);
    });
  }
  describe('template files using the folder\'s other templates', () => {
    for (const [text, expected] of LOOKUP_TEXT_CASES) it(JSON.stringify(text), () => assert.equal(oursText(text), expected));
  });
});

describe('the lookup table still matches real Ansible @ansible', function () {
  this.timeout(600_000);
  before(function () { needs(this, 'ansible'); });
  it('every case', function () {
    const observed = runUnderAnsible(LOOKUP_VARS, CASES.map((c) => c[0]), [], LOOKUP_TEXT_CASES.map((c) => c[0]), ENV, { fixture });
    const wrong = CASES.map(([template, expected], i) => ({ template, expected, ansible: observed.values[i] }))
      .filter((c) => !matches(c.ansible, c.expected));
    const wrongTexts = LOOKUP_TEXT_CASES.map(([text, expected], i) => ({ text, expected, ansible: observed.texts[i] }))
      .filter((c) => c.ansible !== c.expected);
    assert.deepStrictEqual([...wrong, ...wrongTexts], []);
  });
});
