/**
 * Differential table: each case's expected value was produced by real Ansible. Ours must match
 * it; the @ansible suite re-checks the table itself against the installed Ansible (CI requires
 * it), so a recorded value cannot drift from what Ansible does unnoticed.
 */
import { strict as assert } from 'node:assert';
import { evaluateCondition, render, renderValue } from '../../runner/template/index.js';
import { runUnderAnsible } from './ansible-run.js';
import { needs } from '../harness/tiers.js';
import { CONDITION_CASES, TEXT_CASES, VALUE_CASES, VARS } from './ansible-cases.js';

const ENV = { SHOWRUNNER_TEMPLATE_TEST: 'from-env' };

function conditionOutcome(when: string): boolean | string {
  try {
    return evaluateCondition(when, VARS);
  } catch (err) {
    return (err as Error).message;
  }
}

describe('templates behave as Ansible does (recorded table)', () => {
  before(() => Object.assign(process.env, ENV));
  after(() => delete process.env.SHOWRUNNER_TEMPLATE_TEST);

  describe('task arguments (renderValue)', () => {
    for (const [template, expected] of VALUE_CASES) {
      it(template, () => assert.deepStrictEqual(renderValue(template, VARS), expected));
    }
  });

  describe('conditions (evaluateCondition)', () => {
    for (const [when, expected] of CONDITION_CASES) {
      it(`when: ${JSON.stringify(when)}`, () => assert.deepStrictEqual(conditionOutcome(when), expected));
    }
  });

  describe('template files (render)', () => {
    for (const [template, expected] of TEXT_CASES) {
      it(JSON.stringify(template), () => assert.equal(render(template, VARS), expected));
    }
  });
});

describe('the recorded table still matches real Ansible @ansible', function () {
  this.timeout(600_000);
  let observed: ReturnType<typeof runUnderAnsible>;

  before(function () {
    needs(this, 'ansible');
    observed = runUnderAnsible(VARS, VALUE_CASES.map((c) => c[0]), CONDITION_CASES.map((c) => c[0]), TEXT_CASES.map((c) => c[0]), ENV);
  });

  it('task arguments', () => {
    const wrong = VALUE_CASES.map(([template, expected], i) => ({ template, expected, ansible: observed.values[i] }))
      .filter((c) => !isEqual(c.ansible, c.expected));
    assert.deepStrictEqual(wrong, []);
  });

  it('conditions', () => {
    const wrong = CONDITION_CASES.map(([when, expected], i) => ({ when, expected, ansible: observed.conditions[i] }))
      .filter(({ expected, ansible }) => (typeof expected === 'string' ? !(typeof ansible === 'string' && ansible.includes(expected)) : ansible !== expected));
    assert.deepStrictEqual(wrong, []);
  });

  it('template files', () => {
    const wrong = TEXT_CASES.map(([template, expected], i) => ({ template, expected, ansible: observed.texts[i] }))
      .filter((c) => c.ansible !== c.expected);
    assert.deepStrictEqual(wrong, []);
  });
});

function isEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
