import { strict as assert } from 'node:assert';
import { parseListing } from '../../../runner/modules/system/apt-simulation.js';

// apt-get 2.6 (Debian 12), `-q --print-uris -o APT::Get::Show-Versions=1`, LC_ALL=C.
const install = `Reading package lists...
Building dependency tree...
Reading state information...
The following additional packages will be installed:
   nginx-common (1.22.1-9+deb12u11)
Suggested packages:
   fcgiwrap (1.1.0-14+deb12u1)
   nginx-doc (1.22.1-9+deb12u11)
The following NEW packages will be installed:
   libnginx-mod-rtmp (1:1.2.2+dfsg-3)
   nginx (1.22.1-9+deb12u11)
   nginx-common (1.22.1-9+deb12u11)
The following packages will be upgraded:
   libzstd1 (1.5.4+dfsg2-5 => 1.5.4+dfsg2-5+deb12u1)
1 upgraded, 3 newly installed, 0 to remove and 11 not upgraded.
Need to get 0 B/765 kB of archives.
After this operation, 2055 kB of additional disk space will be used.
'http://deb.debian.org/debian/pool/main/n/nginx/nginx_1.22.1-9%2bdeb12u11_amd64.deb' nginx_1.22.1-9+deb12u11_amd64.deb 532468 
`;

const purge = `Reading package lists...
The following package was automatically installed and is no longer required:
   nginx-common (1.22.1-9+deb12u11)
Use 'apt autoremove' to remove it.
The following packages will be REMOVED:
   libnginx-mod-rtmp* (1:1.2.2+dfsg-3)
   nginx* (1.22.1-9+deb12u11)
0 upgraded, 0 newly installed, 2 to remove and 12 not upgraded.
After this operation, 1714 kB disk space will be freed.
`;

describe('apt-get listing (the plan read of apt)', () => {
  it('reads new packages, upgrades and removals with their versions, not suggestions or hints', () => {
    assert.deepEqual(parseListing(install), [
      { name: 'libnginx-mod-rtmp', to: '1:1.2.2+dfsg-3' },
      { name: 'nginx', to: '1.22.1-9+deb12u11' },
      { name: 'nginx-common', to: '1.22.1-9+deb12u11' },
      { name: 'libzstd1', from: '1.5.4+dfsg2-5', to: '1.5.4+dfsg2-5+deb12u1' },
    ]);
    assert.deepEqual(parseListing(purge), [
      { name: 'libnginx-mod-rtmp', from: '1:1.2.2+dfsg-3' },
      { name: 'nginx', from: '1.22.1-9+deb12u11' },
    ]);
  });

  it('nothing to do is an empty list', () => {
    assert.deepEqual(parseListing('Reading package lists...\ntar is already the newest version (1.34+dfsg-1.2+deb12u1).\n0 upgraded, 0 newly installed, 0 to remove and 12 not upgraded.\n'), []);
  });

  it('a listing that does not add up to the count line, or has none, is not read', () => {
    assert.equal(parseListing(install.replace('1 upgraded, 3 newly', '1 upgraded, 4 newly')), undefined);
    assert.equal(parseListing(install.replace(/^\d+ upgraded.*$/m, '')), undefined);
    assert.equal(parseListing('Reading package lists...\n'), undefined);
    // apt 3's wording (Debian 13): asked again with apt-get -s.
    assert.equal(parseListing('Installing:\n  nginx\n\nSummary:\n  Upgrading: 0, Installing: 1, Removing: 0, Not Upgrading: 0\n'), undefined);
  });

  it('downgrades count with the upgrades; an entry without its arrow is not read', () => {
    const down = 'The following packages will be DOWNGRADED:\n   srtest (1.1 => 1.0)\n0 upgraded, 0 newly installed, 1 downgraded, 0 to remove and 0 not upgraded.\n';
    assert.deepEqual(parseListing(down), [{ name: 'srtest', from: '1.1', to: '1.0' }]);
    assert.equal(parseListing(down.replace(' => 1.0', '')), undefined);
  });
});
