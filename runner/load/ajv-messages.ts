/**
 * Turns ajv's errors into messages a playbook author understands, each at the key or value it is
 * about: "'mode' of copy must be a string or integer, got a list".
 */
import type { ErrorObject } from 'ajv';
import type { SourcePos } from './ir.js';
import { LoadError } from './errors.js';
import { pointerPos } from './source-map.js';
import { closest, closestChoice } from './suggest.js';

/** What a JSON pointer is about: "play", "task", "copy" (module args), and the key path below it. */
export interface Place {
  noun: string;
  path: string[];
  /** Module arguments ("unknown argument") rather than keywords ("unknown play keyword"). */
  args?: boolean;
}
export type Describe = (segments: string[]) => Place;

export interface MessageOptions {
  /** Ansible keywords that exist but are not supported yet: said so instead of "unknown". */
  notSupported?: ReadonlySet<string>;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'mapping', array: 'list', string: 'string', integer: 'integer', number: 'number', boolean: 'boolean', null: 'null',
};

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function article(word: string): string {
  return word === 'null' ? word : /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** ["string","integer"] -> "a string or integer". */
export function typesText(types: string[]): string {
  const words = [...new Set(types.map((t) => TYPE_WORDS[t] ?? t))];
  if (words.includes('number') && words.includes('integer')) words.splice(words.indexOf('integer'), 1);
  const first = article(words[0] ?? 'value');
  if (words.length <= 1) return first;
  return `${[first, ...words.slice(1, -1)].join(', ')} or ${words[words.length - 1]}`;
}

function segmentsOf(pointer: string): string[] {
  return pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, segs: string[]): unknown {
  let v = root;
  for (const s of segs) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

function typeMatches(schemaType: unknown, v: unknown): boolean {
  const types = Array.isArray(schemaType) ? schemaType : [schemaType];
  const actual = typeName(v);
  return types.some((t) => t === actual || (t === 'object' && actual === 'mapping') || (t === 'array' && actual === 'list')
    || (t === 'number' && actual === 'integer'));
}

/**
 * A oneOf whose branches each require one argument (copy's src or content) says which arguments
 * it takes, one at a time, instead of one "missing" line per branch.
 */
function resolveOneOfRequired(errors: ErrorObject[]): ErrorObject[] {
  let list = errors;
  for (const one of errors.filter((e) => e.keyword === 'oneOf')) {
    const branches = Array.isArray(one.schema) ? (one.schema as Record<string, unknown>[]) : [];
    const names = branches.map((b) => (Array.isArray(b['required']) && b['required'].length === 1 && b['type'] === undefined ? String(b['required'][0]) : ''));
    if (!names.length || names.includes('')) continue;
    const prefix = `${one.schemaPath}/`;
    const passing = (one.params as { passingSchemas?: number[] | null }).passingSchemas;
    const replacement: ErrorObject = { ...one, keyword: passing ? 'oneOfTooMany' : 'oneOfMissing', params: { names: passing ? passing.map((i) => names[i]) : names } };
    list = list.filter((e) => !e.schemaPath.startsWith(prefix)).map((e) => (e === one ? replacement : e));
  }
  return list;
}

/** Keep, for each failed anyOf, only the errors of the branch the value was evidently meant for. */
function resolveAnyOf(errors: ErrorObject[], root: unknown): ErrorObject[] {
  let list = resolveOneOfRequired(errors.filter((e) => e.keyword !== 'if'));
  const anyOfs = list.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const any of anyOfs) {
    if (!list.includes(any)) continue;
    const prefix = `${any.schemaPath}/`;
    const inGroup = (e: ErrorObject) => e !== any && e.schemaPath.startsWith(prefix);
    const branches = Array.isArray(any.schema) ? (any.schema as Record<string, unknown>[]) : [];
    const value = valueAt(root, segmentsOf(any.instancePath));
    const chosen = branches.findIndex((b) => b['type'] !== undefined && typeMatches(b['type'], value));
    if (chosen >= 0) {
      const keep = `${prefix}${chosen}/`;
      list = list.filter((e) => e !== any && (!inGroup(e) || e.schemaPath.startsWith(keep)));
      continue;
    }
    const required = branches.flatMap((b) => (Array.isArray(b['required']) ? (b['required'] as string[]) : []));
    const types = branches.flatMap((b) => (b['type'] === undefined ? [] : Array.isArray(b['type']) ? b['type'] : [b['type']])) as string[];
    const replacement: ErrorObject = types.length
      ? { ...any, keyword: 'type', params: { type: types } }
      : { ...any, keyword: 'required', params: { missingProperty: required.join("' or '") } };
    list = list.filter((e) => !inGroup(e)).map((e) => (e === any ? replacement : e));
  }
  return list;
}

function where(place: Place): string {
  return place.path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('');
}

/** One LoadError per problem (several ajv errors about the same spot collapse into one). */
export function ajvErrorsToLoadErrors(
  errors: ErrorObject[], root: unknown, fallback: SourcePos, describe: Describe, options: MessageOptions = {},
): LoadError[] {
  const out: LoadError[] = [];
  for (const e of resolveAnyOf(errors, root)) {
    const err = toLoadError(e, root, fallback, describe, options);
    if (err && !out.some((o) => o.message === err.message)) out.push(err);
  }
  return out;
}

function toLoadError(e: ErrorObject, root: unknown, fallback: SourcePos, describe: Describe, options: MessageOptions): LoadError | undefined {
  const segs = segmentsOf(e.instancePath);
  const place = describe(segs);
  const what = place.path.length ? `'${where(place)}' of ${place.noun}` : place.noun;
  const valuePos = pointerPos(root, e.instancePath, fallback);
  const value = valueAt(root, segs);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = Array.isArray(p['type']) ? (p['type'] as string[]) : String(p['type']).split(',');
      const expected = typesText(types);
      return new LoadError(valuePos, `${what} must be ${expected}, got ${article(typeName(value))}`, { expected });
    }
    case 'additionalProperties': {
      const key = String(p['additionalProperty']);
      const keyPos = pointerPos(root, `${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, valuePos, true);
      const props = Object.keys(((e.parentSchema as Record<string, unknown>)?.['properties'] ?? {}) as object);
      if (!place.path.length && options.notSupported?.has(key)) {
        return new LoadError(keyPos, `'${key}' is not supported yet (in ${place.noun})`);
      }
      const suggestion = closest(key, props);
      const reason = place.args
        ? `unknown argument '${key}' of ${place.noun}`
        : place.path.length ? `unknown key '${key}' in ${what}` : `unknown ${place.noun} keyword '${key}'`;
      return new LoadError(keyPos, reason, suggestion ? { suggestion } : {});
    }
    case 'required': {
      const key = String(p['missingProperty']);
      const kind = place.args ? 'argument ' : '';
      // Module arguments: point at the module's name, which is what the author looks for.
      const at = place.args && e.instancePath === '' ? fallback : valuePos;
      return new LoadError(at, `missing required ${kind}'${key}' in ${what}`, { expected: key });
    }
    case 'oneOfMissing':
    case 'oneOfTooMany': {
      const names = (p['names'] as string[]).map((n) => `'${n}'`);
      const at = place.args && e.instancePath === '' ? fallback : valuePos;
      return e.keyword === 'oneOfMissing'
        ? new LoadError(at, `${what} needs one of ${names.join(' or ')}`, { expected: names.join(' or ') })
        : new LoadError(at, `${what} takes only one of ${names.join(' and ')}, not both`);
    }
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      const suggestion = typeof value === 'string' ? closestChoice(value, allowed) : undefined;
      return new LoadError(valuePos, `${what} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
        { expected: allowed.join(', '), ...(suggestion ? { suggestion } : {}) });
    }
    case 'const':
      return new LoadError(valuePos, `${what} must be ${JSON.stringify(p['allowedValue'])}, got ${JSON.stringify(value)}`);
    case 'propertyNames':
      return new LoadError(pointerPos(root, `${e.instancePath}/${String(p['propertyName'])}`, valuePos, true),
        `invalid variable name '${String(p['propertyName'])}' in ${what}`, { expected: 'letters, digits and _, not starting with a digit' });
    case 'pattern':
      if (e.propertyName !== undefined) return undefined; // reported by propertyNames
      if (p['pattern'] === '^[A-Za-z_][A-Za-z0-9_]*$') {
        return new LoadError(valuePos, `${what} must be a valid variable name, got ${JSON.stringify(value)}`);
      }
      return new LoadError(valuePos, `${what} must match ${String(p['pattern'])}, got ${JSON.stringify(value)}`);
    default:
      return new LoadError(valuePos, `${what} ${e.message ?? 'is invalid'}`);
  }
}
