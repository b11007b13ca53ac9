/**
 * Host patterns give the hosts, in the order, that `ansible <pattern> --list-hosts` gives.
 */
import assert from 'node:assert/strict';
import { loadInventory, matchHosts, splitHostPattern } from '../../runner/inventory/index.js';
import { expected, ansibleListHosts, fixture } from './ansible-diff.js';

const CASES: Record<string, string[]> = {
  'patterns.ini': [
    'all', '*', 'web', 'web1', 'web*', 'w?b1*', '~web\\d+', '~web1$', 'web:db', 'web,db', 'db,web',
    'all:!db', '!db', 'web:&stage', '&stage:web', 'prod:!web', 'prod:&stage:!db2', 'web[0]', 'web[1:2]',
    'web[-1]', 'prod[1:]', 'nomatch', 'nomatch:web', 'db*:&stage', 'app-x', 'ungrouped', 'web1,web1',
    'web[0]:&stage', 'web2,db1,web1', '[wd]*1', '~(web|db)2', 'localhost', 'web,!web1', 'all,&nomatch',
  ],
  'basic.yml': ['streaming', 'edge', 'edge*', 'edge0[12]*', '~.*example', 'streaming:!origin', 'origin1:db', 'all:!streaming', 'monitoring,lone.example.com', 'bastion'],
};

describe('host patterns select what Ansible selects', () => {
  for (const [file, patterns] of Object.entries(CASES)) {
    const want = expected(`patterns-${file}`, () => Object.fromEntries(patterns.map((p) => [p, ansibleListHosts(fixture(file), p)])));
    for (const pattern of patterns) {
      it(`${file}: '${pattern}' -> ${JSON.stringify(want[pattern])}`, async () => {
        const inv = await loadInventory([fixture(file)]);
        assert.deepStrictEqual(matchHosts(inv, pattern), want[pattern]);
      });
    }
  }

  it('splits on commas, else on colons outside brackets, keeping name:port and IPv6 whole', () => {
    assert.deepStrictEqual(splitHostPattern('a, b ,c'), ['a', 'b', 'c']);
    assert.deepStrictEqual(splitHostPattern('all:!db:&prod'), ['all', '!db', '&prod']);
    assert.deepStrictEqual(splitHostPattern('web[1:3]:db'), ['web[1:3]', 'db']);
    assert.deepStrictEqual(splitHostPattern('fe80::1'), ['fe80::1']);
    assert.deepStrictEqual(splitHostPattern('host1:22'), ['host1:22']);
  });
});
