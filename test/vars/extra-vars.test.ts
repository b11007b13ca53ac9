/** -e as ansible-playbook reads it: key=value strings, JSON/YAML text, @files; later wins. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExtraVars } from '../../runner/vars/extra-vars.js';
import { parseKv, splitArgs } from '../../runner/vars/kv.js';
import { expected } from '../inventory/ansible-diff.js';
import { ansiblePlaybookJsonSync, debugMessages } from '../harness/ansible.js';

const dir = mkdtempSync(join(tmpdir(), 'sr-extra-'));
const yml = join(dir, 'ev.yml');
writeFileSync(yml, 'f: 1\ng: [a, b]\nh: yes\n');
const json = join(dir, 'ev.json');
writeFileSync(json, '{"j": {"deep": [1, 2]}}');

/** Same -e values for Ansible and for us; the file names are fixed up for both. */
const ARGS = ['a=1 b="x y" c=True d=x\\ty', '{"e": 1, "i": {"n": [1]}}', '@EV_YML', '@EV_JSON', "h=later k='it''s' eq=a=b"];
const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'eq'];
const withFiles = (a: string) => a.replace('EV_YML', yml).replace('EV_JSON', json);

describe('extra vars (-e)', () => {
  const want = expected('extra-vars', () => {
    const msg = `{{ {${NAMES.map((n) => `"${n}": ${n}`).join(', ')}} | to_json }}`;
    const play = join(dir, 'show.yml');
    writeFileSync(play, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [{ debug: { msg } }] }]));
    const report = ansiblePlaybookJsonSync(['-i', 'localhost,', '-c', 'local', play, ...ARGS.flatMap((a) => ['-e', withFiles(a)])]);
    return JSON.parse(debugMessages(report)[0]!) as Record<string, unknown>;
  });

  it('key=value stays text, JSON and files keep types, a later -e wins', async () => {
    assert.deepStrictEqual(await parseExtraVars(ARGS.map(withFiles)), want);
  });

  it('rejects what Ansible rejects, saying what is wrong', async () => {
    await assert.rejects(parseExtraVars(['[1, 2]']), /-e '\[1, 2\]': expected a mapping of variables, got a list/);
    await assert.rejects(parseExtraVars(['./vars.yml']), /needs a leading '@' \(-e @\.\/vars\.yml\)/);
    await assert.rejects(parseExtraVars([`@${join(dir, 'missing.yml')}`]), /file not found/);
    await assert.rejects(parseExtraVars(['novalue']), /expected key=value, got 'novalue'/);
    await assert.rejects(parseExtraVars(['a="open']), /no closing quotation/);
    writeFileSync(join(dir, 'bad.yml'), 'a: [1\n');
    await assert.rejects(parseExtraVars([`@${join(dir, 'bad.yml')}`]), /bad\.yml:\d+:\d+/);
  });

  it('splits words outside quotes and Jinja2 blocks', () => {
    assert.deepStrictEqual(splitArgs('a=1 b="x y" c={{ v | default("q r") }}'), ['a=1', 'b="x y"', 'c={{ v | default("q r") }}']);
    assert.deepStrictEqual(parseKv('msg="a=b" x=\\u00e9'), { msg: 'a=b', x: 'é' });
  });
});
