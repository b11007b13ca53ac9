import { strict as assert } from 'node:assert';
import { tagsSelected } from '../../runner/engine/tags.js';

describe('tag selection (Ansible rules)', () => {
  const cases: [string[], { only?: string[]; skip?: string[] }, boolean][] = [
    [[], {}, true],
    [['never'], {}, false],
    [['never', 'debug'], { only: ['debug'] }, true],
    [['web'], { only: ['db'] }, false],
    [['always'], { only: ['db'] }, true],
    [['always'], { skip: ['always'] }, false],
    [[], { only: ['untagged'] }, true],
    [['x'], { only: ['tagged'] }, true],
    [['x'], { skip: ['x'] }, false],
    [['x', 'y'], { only: ['y'], skip: ['x'] }, false],
    [['x'], { only: ['all'] }, true],
  ];
  for (const [tags, filter, expected] of cases) {
    it(`${JSON.stringify(tags)} with ${JSON.stringify(filter)} -> ${expected}`, () => {
      assert.equal(tagsSelected(tags, filter), expected);
    });
  }
});
