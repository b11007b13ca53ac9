/** apt_repository's edit of sources files, as Ansible's runs showed it (no host needed). */
import { strict as assert } from 'node:assert';
import { editSources, sourceFileName, sourceKey } from '../../../runner/modules/system/apt-sources.js';

const D = '/etc/apt/sources.list.d';

describe('apt sources', () => {
  it('file names come from the URI, as Ansible names them', () => {
    assert.equal(sourceFileName('deb http://deb.example.org/debian bookworm main'), 'deb_example_org_debian.list');
    assert.equal(sourceFileName('deb [arch=amd64] https://user:pw@x.example.org/apt stable main'), 'x_example_org_apt.list');
    assert.equal(sourceFileName('deb http://x/ a b', 'xrepo'), 'xrepo.list');
  });

  it('lines compare by their words; anything else is no source', () => {
    assert.equal(sourceKey('deb   http://z.example.org/debian  bookworm main'), 'deb http://z.example.org/debian bookworm main');
    assert.equal(sourceKey('deb [ arch=amd64  signed-by=/k.gpg ] http://x s c'), 'deb [arch=amd64 signed-by=/k.gpg] http://x s c');
    assert.equal(sourceKey('# a comment'), undefined);
  });

  it('present: nothing when the line is anywhere, a commented copy enabled in place, else the repo\'s own file', () => {
    const repo = 'deb http://z.example.org/debian bookworm main';
    const there = [{ path: '/etc/apt/sources.list', content: 'deb  http://z.example.org/debian bookworm main\n' }];
    assert.equal(editSources(there, repo, true, `${D}/z.list`).size, 0);
    const commented = [{ path: `${D}/z.list`, content: 'x\n# deb http://z.example.org/debian bookworm main\n' }];
    assert.deepEqual([...editSources(commented, repo, true, `${D}/other.list`)], [[`${D}/z.list`, 'x\ndeb http://z.example.org/debian bookworm main\n']]);
    assert.deepEqual([...editSources([{ path: `${D}/n.list`, content: null }], repo, true, `${D}/n.list`)], [[`${D}/n.list`, `${repo}\n`]]);
  });

  it('absent: the line leaves every file; an emptied file under sources.list.d goes', () => {
    const repo = 'deb http://z.example.org/debian bookworm main';
    const files = [
      { path: '/etc/apt/sources.list', content: `${repo}\ndeb http://keep s c\n` },
      { path: `${D}/z.list`, content: `${repo}\n` },
    ];
    assert.deepEqual([...editSources(files, repo, false, `${D}/z.list`)], [
      ['/etc/apt/sources.list', 'deb http://keep s c\n'],
      [`${D}/z.list`, null],
    ]);
  });
});
