/**
 * The one nunjucks environment: our compiler, Ansible's filters, tests and globals, and a cache
 * of compiled templates (many hosts render the same task text).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { KeptFile } from '../load/kept-file.js';
import { bundled } from '../load/cache-dir.js';
import { readInputText } from '../plans/controller-reads.js';
import { dirname, isAbsolute, join } from 'node:path';
import { Compiler } from './compiler.js';
import { candidates } from './lookups/search.js';
import { TemplateError, UndefinedVariableError } from './errors.js';
import { FILTERS } from './filters/index.js';
import { GLOBALS } from './globals.js';
import { Environment, Template, transform, type AnyNode, type NunjucksError } from './nunjucks-internals.js';
import { sr } from './runtime.js';
import { current, record, whereAt } from './state.js';
import { parse, type StringMode } from './syntax.js';
import { TESTS } from './tests.js';
import { Undef } from './undef.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Fn = (...args: any[]) => unknown;

/** Give errors raised by a filter, test or global the location of the text being rendered. */
function guard(fn: Fn): Fn {
  return function guarded(this: unknown, ...args: unknown[]) {
    try {
      return fn.apply(this, args);
    } catch (err) {
      if (err instanceof TemplateError && !err.where) {
        const located = err instanceof UndefinedVariableError
          ? new UndefinedVariableError(err.variable, whereAt(current()), err.reason)
          : new TemplateError(err.detail, whereAt(current()));
        throw record(located);
      }
      throw record(err instanceof Error ? err : new TemplateError(String(err)));
    }
  };
}

const env = new Environment(null, { autoescape: false, throwOnUndefined: false, trimBlocks: true }) as any;
for (const [name, fn] of Object.entries(FILTERS)) env.addFilter(name, guard(fn));
for (const [name, fn] of Object.entries(TESTS)) env.addTest(name, guard(fn));
for (const [name, value] of Object.entries(GLOBALS)) env.addGlobal(name, typeof value === 'function' ? guard(value as Fn) : value);

/**
 * `{% extends %}`, `{% include %}` and `{% import %}` read the named template from the folder of
 * the template being rendered, then each search-path folder's templates/ and the folder itself
 * (as Ansible's template module), and compile it with our compiler.
 */
env.getTemplate = function getTemplate(name: unknown, eager: unknown, parent: unknown, ignoreMissing: unknown, cb?: Fn) {
  const callback = [eager, parent, ignoreMissing, cb].find((a) => typeof a === 'function') as Fn | undefined;
  try {
    const file = includedTemplate(String(name));
    if (!file && ignoreMissing !== true) throw new TemplateError(`template not found: ${String(name)}`);
    // As Jinja2 (keep_trailing_newline off): one trailing newline of the named file is dropped.
    const tmpl = compile(file ? readInputText(file).replace(/\r?\n$/, '') : '', 'python', false).template;
    (tmpl as any).compile();
    if (!callback) return tmpl;
    callback(null, tmpl);
  } catch (err) {
    if (!callback) throw err;
    callback(err);
  }
  return undefined;
};

function includedTemplate(name: string): string | undefined {
  const from = current().where?.file;
  const own = from && !isAbsolute(name) ? [join(dirname(from), name)] : [];
  return [...own, ...candidates('templates', name)].find((p) => existsSync(p));
}

/** The filters and tests templates may name (for a did-you-mean). */
export function filterNames(): string[] {
  return Object.keys(env.filters);
}
export function testNames(): string[] {
  return Object.keys(env.tests);
}

/** A short hash of the filter and test names: what kept templates depend on besides the build. */
export function filtersAndTests(): string {
  return createHash('sha1').update(`${filterNames().sort().join(',')}\0${testNames().sort().join(',')}`).digest('hex').slice(0, 12);
}

/**
 * The code templates compiled to, kept between runs (a run of site.yml compiles about 70, some
 * 40 ms): `single`, `lastFilter` and the compiled module's source, as JSON.
 */
const compiledKept = bundled() ? new KeptFile('compiled', filtersAndTests) : undefined;

const UNDEFINED_OK = new Set(['defined', 'undefined']);

env.sr = {
  ...sr,
  test(name: string, value: unknown, line: number, args: unknown[]): boolean {
    if (value instanceof Undef && !UNDEFINED_OK.has(name)) sr.strict(value, line);
    return env.tests[name](value, ...args) === true;
  },
};

export interface Compiled {
  template: Template;
  /** The text is exactly one `{{ expr }}`: its value can be kept native. */
  single: boolean;
  /** For a single expression, the last filter applied (Ansible keeps to_json & co. as text). */
  lastFilter?: string;
}

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 5000;

function describe(src: string, ast: AnyNode): Omit<Compiled, 'template'> {
  const nodes = ast.children;
  const single = nodes.length === 1 && nodes[0].typename === 'Output' && nodes[0].children.length === 1
    && nodes[0].children[0].typename !== 'TemplateData' && src.trimStart().startsWith('{{');
  const expr = single ? nodes[0].children[0] : undefined;
  return { single, lastFilter: expr?.typename === 'Filter' ? expr.name.value : undefined };
}

export function cleanMessage(err: NunjucksError): string {
  return err.message
    .replace(/^\(unknown path\)\s*/, '')
    .replace(/^\[Line \d+, Column \d+\]\s*/, '')
    .replace(/^\w+: (?=[a-z])/, '')
    .replace(/^Template render error:\s*/, '')
    .trim();
}

/** nunjucks' syntax error as ours, pointing at the task or at the template line. */
export function syntaxError(err: NunjucksError, src: string, where: { file?: string; line?: number } | undefined, fileLines: boolean): TemplateError {
  const line = where?.line ?? (fileLines && err.lineno ? err.lineno : undefined);
  const shown = fileLines ? '' : ` in ${JSON.stringify(src.length > 120 ? src.slice(0, 117) + '...' : src)}`;
  return new TemplateError(`template error${shown}: ${cleanMessage(err)}`, { ...where, line });
}

/** The compiled form of `src`; syntax errors are nunjucks errors (see syntaxError). */
export function compile(src: string, mode: StringMode, capture: boolean): Compiled {
  const key = `${mode}${capture ? 'c' : 't'}\u0001${src}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const kept = compiledKept?.get(key);
  if (kept !== undefined) {
    try {
      const { code, ...info } = JSON.parse(kept) as { code: string } & Omit<Compiled, 'template'>;
      return remember(key, { template: templateOf(code), ...info });
    } catch {
      // compiled afresh below
    }
  }
  const ast = parse(src, mode);
  const info = describe(src, ast);
  const compiler = new Compiler('template', {
    capture,
    hasFilter: (name) => name in env.filters,
    hasTest: (name) => name in env.tests,
  });
  compiler.compile(transform(ast, [], 'template'));
  const code = compiler.getCode();
  const template = templateOf(code);
  compiledKept?.add(key, JSON.stringify({ code, ...info }));
  return remember(key, { template, ...info });
}

/** A nunjucks template from the module source our compiler wrote. */
function templateOf(code: string): Template {
  return new Template({ type: 'code', obj: new Function(code)() } as any, env);
}

function remember(key: string, compiled: Compiled): Compiled {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}
