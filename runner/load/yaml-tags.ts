/**
 * The YAML 1.1 tag set as PyYAML resolves it. The `yaml` package's 1.1 schema is close but reads
 * `y`/`n` as booleans, `1e3` as a float and `2026-01-01` as a Date; PyYAML (so Ansible) keeps
 * the first two as strings and renders dates back as written, so all three stay strings here;
 * nor does it read `0899` (a leading zero, not octal) as a number.
 */
import { Scalar } from 'yaml';
import type { ScalarTag, Tags } from 'yaml';

const BOOL = 'tag:yaml.org,2002:bool';
const FLOAT = 'tag:yaml.org,2002:float';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const INT = 'tag:yaml.org,2002:int';

function boolTag(value: boolean, test: RegExp): ScalarTag {
  return {
    identify: (v) => v === value,
    default: true,
    tag: BOOL,
    test,
    resolve: () => new Scalar(value),
  };
}

/** PyYAML needs a dot and a signed exponent: `1.5e+3` is a float, `1e3` and `1.5e3` are not. */
const floatExp: ScalarTag = {
  identify: (v) => typeof v === 'number',
  default: true,
  tag: FLOAT,
  format: 'EXP',
  test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*[eE][-+][0-9]+$/,
  resolve: (s) => parseFloat(s.replace(/_/g, '')),
};

/** An inline `!vault |` value as written; the loader decrypts it with the run's vault passwords. */
export class VaultedText {
  constructor(readonly text: string) {}
}

const vaultTag: ScalarTag = {
  identify: (v) => v instanceof VaultedText,
  tag: '!vault',
  resolve: (s) => new VaultedText(s) as unknown as string,
};

/**
 * `!unsafe 'a{{ b }}'`: text Ansible never templates. Kept as a Jinja2 raw block, so each use of
 * it gives the text exactly as written.
 */
const unsafeTag: ScalarTag = {
  identify: () => false,
  tag: '!unsafe',
  resolve: (s) => (/[{][{%#]/.test(s) ? `{% raw %}${s}{% endraw %}` : s),
};

function isTag(t: unknown): t is ScalarTag {
  return typeof t === 'object' && t !== null && 'tag' in t;
}

/** Filter for the `customTags` option of the `yaml` package (with `version: '1.1'`). */
export function ansibleTags(tags: Tags): Tags {
  const out: Tags = [];
  for (const t of tags) {
    if (isTag(t) && t.tag === BOOL) continue;
    if (isTag(t) && t.tag === FLOAT && (t as ScalarTag).format === 'EXP') continue;
    // A decimal integer has no leading zero in PyYAML: `0899` (not octal either) stays the string "0899".
    if (isTag(t) && t.tag === INT && !(t as ScalarTag).format) {
      out.push({ ...(t as ScalarTag), test: /^[-+]?(?:0|[1-9][0-9_]*)$/ });
      continue;
    }
    // Dates stay strings; the sexagesimal int/float forms (1:20) share the tag and stay.
    if (isTag(t) && t.tag === TIMESTAMP && String((t as ScalarTag).test).includes('[0-9]{4}')) continue;
    out.push(t);
  }
  out.push(
    boolTag(true, /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/),
    boolTag(false, /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/),
    floatExp,
    vaultTag,
    unsafeTag,
  );
  return out;
}
