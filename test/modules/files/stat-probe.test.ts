/** What the stat module makes of what the host answered (no host needed). */
import { strict as assert } from 'node:assert';
import { attributesOf, parseStat } from '../../../runner/modules/files/stat-probe.js';

describe('stat answers', () => {
  const q = { path: '/f', follow: false, mime: true, attributes: true };

  it('lsattr flags become Ansible names; no lsattr answer means no flags and version null', () => {
    assert.deepEqual(attributesOf('3402384904 --------------e------- /f'), { attr_flags: 'e', attributes: ['extents'], version: '3402384904' });
    assert.deepEqual(attributesOf('1 ----i---A------------ /f'), { attr_flags: 'iA', attributes: ['immutable', 'noatime'], version: '1' });
    assert.deepEqual(attributesOf(''), { attr_flags: '', attributes: [], version: null });
  });

  it('a host without `file` reports the MIME type and charset unknown, as Ansible does', () => {
    const s = parseStat(q, 'S|81a4|0|0|root|root|11|1.5|2.25|3|9|64|1|4096|8|0\nA|rw\n');
    assert.equal(s.mimetype, 'unknown');
    assert.equal(s.charset, 'unknown');
    assert.equal(s.mtime, 2.25);
    assert.equal(s.readable, true);
    assert.equal(s.executable, false);
    assert.equal(s.isreg, true);
    assert.equal(s.mode, '0644');
    assert.equal(s.attr_flags, '');
  });
});
