/** Lookups about the controller and the run: env, pipe, lines, vars, varnames. */
import { spawnSync } from 'node:child_process';
import { TemplateError, UndefinedVariableError } from '../errors.js';
import { lookupVar } from '../lazy.js';
import { current } from '../state.js';
import { baseDir } from './search.js';
import type { Lookup } from './types.js';

/** A shell command run in the playbook's folder, as Ansible runs it; a failure names the command. */
function shell(plugin: string, command: string): string {
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: baseDir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new TemplateError(`lookup_plugin.${plugin}(${command}) returned ${r.status ?? r.signal}`);
  return r.stdout;
}

/** Python's str.splitlines() for \n and \r\n text. */
function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(current().vars, name);

export const CONTROLLER_LOOKUPS: Record<string, Lookup> = {
  env: (terms, kw) => terms.map((t) => process.env[String(t)] ?? kw.default ?? ''),
  pipe: (terms) => terms.map((t) => shell('pipe', String(t)).replace(/\s+$/, '')),
  lines: (terms) => terms.flatMap((t) => splitLines(shell('lines', String(t)))),
  vars: (terms, kw) => terms.map((t) => {
    if (typeof t !== 'string') throw new TemplateError(`Invalid setting identifier, "${String(t)}" is not a string, its a ${typeof t}`);
    if (has(t)) return lookupVar(current(), t);
    if ('default' in kw) return kw.default;
    throw new UndefinedVariableError(t, undefined, 'No variable found with this name');
  }),
  varnames: (terms) => {
    const names = Object.keys(current().vars);
    return terms.flatMap((t) => {
      let re: RegExp;
      try {
        re = new RegExp(String(t));
      } catch (e) {
        throw new TemplateError(`Unable to use "${String(t)}" as a search parameter: ${(e as Error).message}`);
      }
      return names.filter((n) => re.test(n));
    });
  },
};
