/** Modes as playbooks write them, resolved against the current bits the way chmod does. */
import { strict as assert } from 'node:assert';
import { resolveMode } from '../../../runner/modules/files/mode.js';

describe('file modes', () => {
  const cases: [string | number, number, boolean, string][] = [
    [420, 0o600, false, '0644'], // unquoted 0644 in YAML 1.1
    ['0644', 0o600, false, '0644'],
    ['644', 0o600, false, '0644'],
    ['0o750', 0o600, true, '0750'],
    ['2775', 0o755, true, '2775'],
    ['u=rw,g=r,o=r', 0o777, false, '0644'],
    ['u+x', 0o644, false, '0744'],
    ['go-w', 0o666, false, '0644'],
    ['a+X', 0o644, false, '0644'], // X: no x anywhere on a file
    ['a+X', 0o744, false, '0755'],
    ['a+X', 0o600, true, '0711'],
    ['g=u', 0o640, false, '0660'],
    ['u=rwx,g=rx,o=', 0o000, true, '0750'],
    ['+t', 0o777, true, '1777'],
    ['g+s', 0o755, true, '2755'],
    ['=r', 0o777, false, '0444'],
  ];
  for (const [mode, current, isDir, want] of cases) {
    it(`${JSON.stringify(mode)} on ${current.toString(8)}${isDir ? ' (dir)' : ''} -> ${want}`, () => {
      assert.equal(resolveMode(mode, current, isDir), want);
    });
  }
  it('says what is wrong with a bad mode', () => {
    assert.throws(() => resolveMode('rw-r--r--', 0o644, false), /mode 'rw-r--r--' is neither octal nor symbolic/);
    assert.throws(() => resolveMode(99999, 0o644, false), /mode 99999 is not a valid file mode/);
  });
});
