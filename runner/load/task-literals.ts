/**
 * What a task's literal values already tell before the run: every template in its arguments and
 * conditions parses and names filters and tests that exist, a local `src` is there (and a template
 * file parses, with its own line), a `mode` can be read. A value holding a template is known only
 * when the task runs and is left to then.
 */
import { isAbsolute } from 'node:path';
import type { SourcePos, Task } from './ir.js';
import { LoadError } from './errors.js';
import { valuePos } from './source-map.js';
import { isTemplated } from './coerce.js';
import { templateProblem, type TemplateProblem } from '../template/index.js';
import { locateSource, searchedText, sourceSearchDirs } from '../modules/files/source.js';
import { resolveMode } from '../modules/files/mode.js';
import { readControllerText } from '../vault/read.js';
import { splitWords } from '../modules/system/shell-words.js';

/** Modules that read a local file named by `src` (or, for script, the command's first word), and where they look. */
const LOCAL_SOURCES: Record<string, 'files' | 'templates'> = { copy: 'files', template: 'templates', script: 'files', unarchive: 'files' };

export interface LiteralScope {
  playbookDir: string;
  roleDir?: string;
}

/** Problems of `task`'s literal values; `positioned` is its argument mapping as written (for positions), `at` where the module is named. */
export function literalProblems(task: Task, positioned: unknown, at: SourcePos, scope: LiteralScope): LoadError[] {
  const out: LoadError[] = [];
  const posOfArg = (key: string) => valuePos(positioned, key, at);
  for (const [key, value] of Object.entries(task.args)) {
    if (task.module === 'assert' && key === 'that') out.push(...conditionProblems(value, posOfArg(key)));
    else templatesIn(value, posOfArg(key), out);
  }
  sourceProblems(task, posOfArg, scope, out);
  modeProblem(task, posOfArg, out);
  return out;
}

/** `when:`-like conditions, each a bare expression (or a template). */
export function conditionProblems(conditions: unknown, at: SourcePos): LoadError[] {
  const items = Array.isArray(conditions) ? conditions : [conditions];
  const out: LoadError[] = [];
  items.forEach((c, i) => {
    if (typeof c !== 'string' || c.trim() === '') return;
    const p = templateProblem(c, 'condition');
    if (p) out.push(new LoadError(Array.isArray(conditions) ? valuePos(conditions, i, at) : at, `template error in ${shown(c)}: ${p.message}`, hint(p)));
  });
  return out;
}

/** Templates anywhere in a value (a loop, an argument), each at its own position where known. */
export function valueProblems(value: unknown, at: SourcePos): LoadError[] {
  const out: LoadError[] = [];
  templatesIn(value, at, out);
  return out;
}

function templatesIn(value: unknown, at: SourcePos, out: LoadError[]): void {
  if (typeof value === 'string') {
    const p = templateProblem(value, 'value');
    if (p) out.push(new LoadError(at, `template error in ${shown(value)}: ${p.message}`, hint(p)));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => templatesIn(v, valuePos(value, i, at), out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) templatesIn(v, valuePos(value, k, at), out);
  }
}

function hint(p: TemplateProblem): { suggestion?: string } {
  return p.suggestion ? { suggestion: p.suggestion } : {};
}

function shown(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function localSource(task: Task): { src: string; key: string } | undefined {
  const args = task.args;
  if (task.module === 'script') {
    const key = typeof args['_raw_params'] === 'string' ? '_raw_params' : 'cmd';
    const line = args[key];
    if (typeof line !== 'string' || isTemplated(line)) return undefined;
    const [first] = splitWords(line.trim());
    return first ? { src: first, key } : undefined;
  }
  const src = args['src'];
  if (typeof src !== 'string' || src === '' || isTemplated(src)) return undefined;
  if (args['remote_src'] === true || (task.module === 'unarchive' && src.includes('://'))) return undefined;
  return { src, key: 'src' };
}

function sourceProblems(task: Task, posOfArg: (k: string) => SourcePos, scope: LiteralScope, out: LoadError[]): void {
  const sub = LOCAL_SOURCES[task.module];
  if (!sub) return;
  const found = localSource(task);
  if (!found) return;
  const dirs = sourceSearchDirs(sub, scope.playbookDir, scope.roleDir);
  const pos = found.key === '_raw_params' ? posOfArg('') : posOfArg(found.key);
  const file = locateSource(found.src, dirs);
  if (!file) {
    const where = isAbsolute(found.src) ? '' : ` in ${searchedText(found.src, dirs)}`;
    out.push(new LoadError(pos, `src file '${found.src}' not found${where}`));
    return;
  }
  if (task.module === 'template') templateFileProblem(file, out);
}

function templateFileProblem(file: string, out: LoadError[]): void {
  let text: string;
  try {
    text = readControllerText(file);
  } catch {
    return; // a directory, or vaulted with a password not given: the task says so when it runs
  }
  const p = templateProblem(text, 'file');
  if (p) out.push(new LoadError({ file, line: p.line ?? 1, col: p.col ?? 1 }, `template error: ${p.message}`, hint(p)));
}

/** Modules whose `mode` is a file's permissions (async_status has a `mode` of its own). */
const FILE_MODE_MODULES = new Set(['apt_repository', 'blockinfile', 'copy', 'file', 'get_url', 'ini_file', 'lineinfile', 'replace', 'template']);

function modeProblem(task: Task, posOfArg: (k: string) => SourcePos, out: LoadError[]): void {
  if (!FILE_MODE_MODULES.has(task.module)) return;
  const mode = task.args['mode'];
  if ((typeof mode !== 'string' && typeof mode !== 'number') || isTemplated(mode) || mode === 'preserve') return;
  try {
    resolveMode(mode, 0o644, false);
  } catch (e) {
    out.push(new LoadError(posOfArg('mode'), (e as Error).message));
  }
}
