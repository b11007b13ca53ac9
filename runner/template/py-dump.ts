/**
 * Python's json.dumps and PyYAML's dump as Ansible calls them (to_json, to_nice_json, to_yaml,
 * to_nice_yaml), so rendered config files match what Ansible writes byte for byte in the usual
 * cases: key order, separators, ASCII escapes, flow style for leaf collections, sorted keys.
 */
import { isDict, numberStr } from './py-values.js';

export interface JsonOptions {
  indent?: number;
  sortKeys?: boolean;
  ensureAscii?: boolean;
}

function jsonString(s: string, ensureAscii: boolean): string {
  const j = JSON.stringify(s);
  return ensureAscii ? j.replace(/[\u007f-\uffff]/g, (c) => (c === '\u007f' ? c : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))) : j;
}

export function pyJson(value: unknown, opts: JsonOptions = {}, level = 0): string {
  const ascii = opts.ensureAscii ?? true;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? numberStr(value) : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string') return jsonString(value, ascii);
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((v) => [undefined, v])
    : isDict(value) ? Object.entries(value) : [[undefined, String(value)]];
  if (!Array.isArray(value) && !isDict(value)) return jsonString(String(value), ascii);
  if (opts.sortKeys && !Array.isArray(value)) entries.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (!entries.length) return open + close;
  const parts = entries.map(([k, v]) => (k === undefined ? '' : jsonString(k, ascii) + ': ') + pyJson(v, opts, level + 1));
  if (opts.indent === undefined) return open + parts.join(', ') + close;
  const pad = ' '.repeat(opts.indent * (level + 1));
  return `${open}\n${pad}${parts.join(`,\n${pad}`)}\n${' '.repeat(opts.indent * level)}${close}`;
}

/* ---- YAML ---- */

const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?.*|=|<<)$/;

function plainOk(s: string, flow: boolean): boolean {
  if (s === '' || YAML11_SPECIAL.test(s)) return false;
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s,[\]{}]/.test(s)) return false;
  if (/\s$/.test(s) || /[\x00-\x1f\x7f]/.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (flow && /[,[\]{}]/.test(s)) return false;
  return true;
}

function yamlScalar(v: unknown, flow: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isNaN(v) ? '.nan' : Number.isFinite(v) ? numberStr(v) : v > 0 ? '.inf' : '-.inf';
  const s = String(v);
  if (plainOk(s, flow)) return s;
  if (/[\x00-\x09\x0b-\x1f\x7f]/.test(s) || s.includes('\n')) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

const isCollection = (v: unknown): v is unknown[] | Record<string, unknown> => Array.isArray(v) || isDict(v);

function entriesOf(v: unknown[] | Record<string, unknown>): [string, unknown][] {
  return Object.entries(v).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function flowOf(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(flowOf).join(', ') + ']';
  if (isDict(v)) return '{' + entriesOf(v).map(([k, x]) => `${yamlScalar(k, true)}: ${flowOf(x)}`).join(', ') + '}';
  return yamlScalar(v, true);
}

/** Lines of a block node; `flowLeaves` is PyYAML's default_flow_style=None. */
function block(v: unknown, indent: number, flowLeaves: boolean): string[] {
  const useFlow = (x: unknown): boolean =>
    !isCollection(x) || (Array.isArray(x) ? x.length === 0 : Object.keys(x).length === 0) || (flowLeaves && !Object.values(x).some(isCollection));
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    return v.flatMap((item) => {
      if (useFlow(item)) return [`- ${flowOf(item)}`];
      const [first, ...rest] = block(item, indent, flowLeaves);
      return [`-${' '.repeat(indent - 1)}${first}`, ...rest.map((l) => pad + l)];
    });
  }
  return entriesOf(v as Record<string, unknown>).flatMap(([k, x]) => {
    const key = yamlScalar(k, false);
    if (useFlow(x)) return [`${key}: ${flowOf(x)}`];
    const inner = block(x, indent, flowLeaves);
    return [`${key}:`, ...inner.map((l) => (Array.isArray(x) ? l : pad + l))];
  });
}

export function pyYaml(value: unknown, indent: number, flowLeaves: boolean): string {
  if (!isCollection(value)) {
    const s = yamlScalar(value, false);
    return /^['"]/.test(s) ? `${s}\n` : `${s}\n...\n`;
  }
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
  if (empty || (flowLeaves && !Object.values(value).some(isCollection))) return flowOf(value) + '\n';
  return block(value, indent, flowLeaves).join('\n') + '\n';
}
