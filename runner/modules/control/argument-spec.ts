/**
 * Ansible's argument spec checks, as role argument validation runs them (seen with ansible-core
 * 2.14): required, type (with Ansible's conversions: '80' is an int, 'yes' a bool, 'a,b' a
 * list), choices, list elements, and the options of a dict or of each dict in a list. Values
 * are only checked, never changed, and a `default` is not set (Ansible documents it only).
 * Each error keeps the path of the option it is about, so the caller can say where it is written.
 */
export interface OptionSpec {
  type?: string;
  required?: boolean;
  default?: unknown;
  choices?: unknown[];
  elements?: string;
  options?: Record<string, OptionSpec> | null;
  aliases?: string[];
}

export interface SpecError { path: string[]; message: string }

const TRUE_WORDS = ['y', 'yes', 'on', '1', 'true', 't'];
const FALSE_WORDS = ['n', 'no', 'off', '0', 'false', 'f'];

function pyType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

function pyRepr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? `'${x}'` : pyRepr(x))).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `'${k}': ${typeof x === 'string' ? `'${x}'` : pyRepr(x)}`).join(', ')}}`;
  return String(v);
}

/** The value as the type would hold it, or the reason it cannot be. */
function convert(type: string, v: unknown): { value: unknown } | { why: string } {
  const cannot = (what: string) => ({ why: `<class '${pyType(v)}'> cannot be converted to ${what}` });
  switch (type) {
    case 'str': case 'path':
      return typeof v === 'object' && v !== null ? { value: pyRepr(v) } : { value: typeof v === 'string' ? v : pyRepr(v) };
    case 'int':
      if (typeof v === 'number' || typeof v === 'boolean') return { value: Math.trunc(Number(v)) };
      if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return { value: Number(v) };
      return cannot('an int');
    case 'float':
      if (typeof v === 'number') return { value: v };
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return { value: Number(v) };
      return cannot('a float');
    case 'bool': {
      if (typeof v === 'boolean') return { value: v };
      const word = typeof v === 'string' ? v.toLowerCase() : typeof v === 'number' ? String(v) : undefined;
      if (word !== undefined && TRUE_WORDS.includes(word)) return { value: true };
      if (word !== undefined && FALSE_WORDS.includes(word)) return { value: false };
      return { why: `The value '${pyRepr(v)}' is not a valid boolean.  Valid booleans include: ${[...TRUE_WORDS, ...FALSE_WORDS].join(', ')}` };
    }
    case 'list':
      if (Array.isArray(v)) return { value: v };
      if (typeof v === 'string') return { value: v.split(',') };
      if (typeof v === 'number') return { value: [String(v)] };
      return cannot('a list');
    case 'dict':
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return { value: v };
      if (typeof v === 'string') {
        try {
          const parsed = JSON.parse(v) as unknown;
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { value: parsed };
        } catch { /* key=value below */ }
        const pairs = v.split(/[\s,]+/).filter(Boolean);
        if (pairs.length && pairs.every((p) => /^[^=]+=/.test(p))) return { value: Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])) };
        return { why: 'dictionary requested, could not parse JSON or key=value' };
      }
      return cannot('a dict');
    case 'json': case 'jsonarg':
      return typeof v === 'string' || typeof v === 'object' ? { value: v } : cannot('a json string');
    case 'bytes': case 'bits':
      return typeof v === 'number' || (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*([KMGTPEZY]i?)?[Bb]?\s*$/i.test(v)) ? { value: v } : { why: `cannot convert '${pyRepr(v)}' to ${type}` };
    default:
      return { value: v };
  }
}

function sameChoice(value: unknown, choice: unknown): boolean {
  return value === choice || pyRepr(value) === pyRepr(choice);
}

/**
 * Checks `values` against `options`; `within`: the option these are the keys of (nested
 * checks say "found in NAME"), `top`: whether unknown keys are allowed (a role's variables).
 */
export function checkOptions(options: Record<string, OptionSpec>, values: Record<string, unknown>, path: string[] = [], top = true): SpecError[] {
  const errors: SpecError[] = [];
  const within = path.length ? ` found in ${path.at(-1)}` : '';
  const missing = Object.entries(options).filter(([k, o]) => o.required && !(k in values) && !(o.aliases ?? []).some((a) => a in values)).map(([k]) => k);
  if (missing.length) errors.push({ path: [...path, missing.sort()[0]!], message: `missing required arguments: ${missing.sort().join(', ')}${within}` });
  if (!top) {
    const known = new Set(Object.entries(options).flatMap(([k, o]) => [k, ...(o.aliases ?? [])]));
    const unknown = Object.keys(values).filter((k) => !known.has(k));
    if (unknown.length) errors.push({ path, message: `Unsupported parameters: ${unknown.map((k) => [...path, k].join('.')).join(', ')}. Supported parameters include: ${[...known].sort().join(', ')}.` });
  }
  for (const [name, o] of Object.entries(options)) {
    const key = name in values ? name : (o.aliases ?? []).find((a) => a in values);
    if (key === undefined) continue;
    const v = values[key];
    if (v === null || v === undefined) continue;
    errors.push(...checkOne(name, o, v, [...path, name], path.length ? ` found in '${path.at(-1)}'.` : ''));
  }
  return errors;
}

function checkOne(name: string, o: OptionSpec, v: unknown, path: string[], within: string): SpecError[] {
  const type = o.type ?? 'str';
  const c = convert(type, v);
  if ('why' in c) return [{ path, message: `argument '${name}' is of type <class '${pyType(v)}'>${within} and we were unable to convert to ${type}: ${c.why}` }];
  let value = c.value;
  const errors: SpecError[] = [];
  if (type === 'list' && o.elements) {
    const items = value as unknown[];
    const converted: unknown[] = [];
    for (const item of items) {
      const e = convert(o.elements, item);
      if ('why' in e) {
        if (o.elements === 'dict' && typeof item === 'string') errors.push({ path, message: e.why });
        errors.push({ path, message: `Elements value for option '${name}' is of type <class '${pyType(item)}'> and we were unable to convert to ${o.elements}: ${e.why}` });
      } else converted.push(e.value);
    }
    value = converted;
  }
  if (o.choices) {
    if (type === 'list') {
      const bad = (value as unknown[]).filter((x) => !o.choices!.some((ch) => sameChoice(x, ch)));
      if (bad.length) errors.push({ path, message: `value of ${name} must be one or more of: ${o.choices.map(pyRepr).join(', ')}. Got no match for: ${bad.map(pyRepr).join(', ')}` });
    } else if (!o.choices.some((ch) => sameChoice(value, ch))) {
      errors.push({ path, message: `value of ${name} must be one of: ${o.choices.map(pyRepr).join(', ')}, got: ${pyRepr(v)}` });
    }
  }
  if (o.options) {
    if (type === 'dict' && typeof value === 'object' && value !== null) errors.push(...checkOptions(o.options, value as Record<string, unknown>, path, false));
    if (type === 'list') {
      for (const item of value as unknown[]) {
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) errors.push(...checkOptions(o.options, item as Record<string, unknown>, path, false));
      }
    }
  }
  return errors;
}
