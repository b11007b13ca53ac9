/** Serialisation, encoding and hashing filters. */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { TemplateError } from '../errors.js';
import { arg, splitKwargs } from '../kwargs.js';
import { pyJson, pyYaml } from '../py-dump.js';
import { pyStr } from '../py-values.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

function hash(value: unknown, algorithm: string): string {
  const name = algorithm === 'sha' ? 'sha1' : algorithm;
  try {
    return createHash(name).update(pyStr(value), 'utf8').digest('hex');
  } catch {
    throw new TemplateError(`hash: unsupported algorithm '${algorithm}'`);
  }
}

export const DATA_FILTERS: Record<string, Filter> = {
  to_json(v, ...rest) {
    const p = splitKwargs(rest);
    const indent = p.kwargs.indent;
    return pyJson(v, { indent: indent === undefined || indent === null ? undefined : Number(indent), sortKeys: Boolean(p.kwargs.sort_keys), ensureAscii: p.kwargs.ensure_ascii !== false });
  },
  to_nice_json(v, ...rest) {
    const p = splitKwargs(rest);
    return pyJson(v, { indent: Number(arg(p, 0, 'indent', 4)), sortKeys: p.kwargs.sort_keys !== false, ensureAscii: p.kwargs.ensure_ascii !== false });
  },
  from_json(v) {
    try {
      return JSON.parse(pyStr(v));
    } catch (err) {
      throw new TemplateError(`from_json: ${(err as Error).message.replace(/ \(line \d+ column \d+\)$/, '')}`);
    }
  },
  to_yaml(v, ...rest) {
    const p = splitKwargs(rest);
    return pyYaml(v, Number(p.kwargs.indent ?? 2), p.kwargs.default_flow_style !== false);
  },
  to_nice_yaml(v, ...rest) {
    const p = splitKwargs(rest);
    return pyYaml(v, Number(arg(p, 0, 'indent', 4)), false);
  },
  from_yaml(v) {
    if (typeof v !== 'string') return v;
    try {
      return parseYaml(v, { version: '1.1' }) ?? null;
    } catch (err) {
      throw new TemplateError(`from_yaml: ${(err as Error).message.split('\n')[0]}`);
    }
  },
  b64encode: (v) => Buffer.from(pyStr(v), 'utf8').toString('base64'),
  b64decode: (v) => Buffer.from(pyStr(v), 'base64').toString('utf8'),
  hash: (v, algorithm = 'sha1') => hash(v, String(algorithm)),
  md5: (v) => hash(v, 'md5'),
  sha1: (v) => hash(v, 'sha1'),
  checksum: (v) => hash(v, 'sha1'),
};
DATA_FILTERS.json = DATA_FILTERS.to_json;
