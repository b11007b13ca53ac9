/**
 * State shared while one playbook loads: where errors go, the modules known, the role search
 * path, each file read once (and checked against its schema once), and the current play's roles.
 */
import { existsSync, statSync } from 'node:fs';
import type { DeferredInclude, Handler, SourcePos } from './ir.js';
import type { ModuleLookup } from './modules.js';
import type { ModuleDefinition } from '../modules/contract.js';
import { ErrorSink, type LoadError } from './errors.js';
import { parseYamlCollect, readYamlText } from './yaml.js';
import { parseYamlCached } from './yaml-cache.js';
import { markSecretValues, VaultError } from '../vault/keyring.js';
import { validateWith } from './schemas.js';
import type { SchemaName } from './schemas.js';
import { ajvErrorsToLoadErrors, typeName } from './ajv-messages.js';
import { describeIn } from './places.js';
import type { FileKind } from './places.js';

/** Keywords Ansible has that Showrunner does not implement yet: rejected with a clear message. */
export const NOT_SUPPORTED = new Set([
  'vars_prompt', 'module_defaults', 'collections', 'order', 'throttle', 'debugger', 'fact_path',
  'gather_timeout', 'become_flags', 'become_exe',
  'with_inventory_hostnames',
]);

export interface PlayState {
  /** Handlers of roles applied in this play, in role order. */
  roleHandlers: Handler[];
  /** Role instances already applied ("dir + params"), for running a role once. */
  applied: Set<string>;
  /** Roles whose handlers are already in `roleHandlers`. */
  handlersAdded: Set<string>;
}

export interface LoadedFile {
  value: unknown;
  pos: SourcePos;
  ok: boolean;
  /** What was wrong in it (given again to every context that reads it). */
  errors: LoadError[];
}

export class LoadContext {
  readonly sink = new ErrorSink();
  play: PlayState = newPlayState();
  /** Folder of the playbook file being loaded: its roles/ is searched first. */
  playbookDir = '';
  /** Folder of the playbook given on the command line: local sources are looked for there when the run has no role to search. */
  rootDir = '';

  /** The modules known: the roles' `library/` modules found so far (they win, as in Ansible), then Showrunner's. */
  readonly modules: ModuleLookup;

  constructor(
    readonly builtinModules: ModuleLookup,
    readonly extraRolePaths: string[],
    private readonly files = new Map<string, LoadedFile>(),
    /** Includes that could not be checked before the run (shared by every child context). */
    readonly deferred: DeferredInclude[] = [],
    /** Modules from roles' library/ folders: name -> the file (shared by every child context). */
    readonly library = new Map<string, { file: string; def: ModuleDefinition }>(),
  ) {
    this.modules = {
      get: (name) => library.get(name)?.def ?? builtinModules.get(name),
      names: () => [...new Set([...library.keys(), ...builtinModules.names()])].sort(),
    };
  }

  /** A context with its own errors and play state, sharing the files read (an included file is loaded in one). */
  child(): LoadContext {
    const c = new LoadContext(this.builtinModules, this.extraRolePaths, this.files, this.deferred, this.library);
    c.playbookDir = this.playbookDir;
    c.rootDir = this.rootDir;
    return c;
  }

  /** Read, parse and schema-check a file once; its errors go to every sink that reads it. */
  readFile(file: string, kind: FileKind): LoadedFile {
    const cacheKey = `${kind}\0${file}`;
    const cached = this.files.get(cacheKey);
    if (cached) {
      this.sink.errors.push(...cached.errors);
      return cached;
    }
    const before = this.sink.errors.length;
    const loaded = this.parse(file, kind);
    loaded.errors = this.sink.errors.slice(before);
    this.files.set(cacheKey, loaded);
    return loaded;
  }

  private parse(file: string, kind: FileKind): LoadedFile {
    let text: string;
    let vaulted = false;
    const start: SourcePos = { file, line: 1, col: 1 };
    try {
      ({ text, vaulted } = readYamlText(file));
    } catch (e) {
      const why = e instanceof VaultError ? e.message.replace(`${file}: `, '').replace(`${file} is`, 'the file is') : `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
      this.sink.add(start, why);
      return { value: undefined, pos: start, ok: false, errors: [] };
    }
    const parsed = vaulted ? parseYamlCollect(text, file) : parseYamlCached(text, file);
    if (vaulted) markSecretValues(parsed.value);
    this.sink.errors.push(...parsed.errors);
    const loaded: LoadedFile = { value: parsed.value, pos: parsed.pos, ok: parsed.errors.length === 0, errors: [] };
    if (parsed.value !== undefined) this.check(loaded, kind);
    return loaded;
  }

  private check(loaded: LoadedFile, kind: FileKind): void {
    const schema: SchemaName = kind;
    let value = loaded.value;
    // An empty tasks/handlers file is an empty list, as in Ansible.
    if (value === null && (kind === 'task-list' || kind === 'handler-list')) value = loaded.value = [];
    const expected = ROOT_SHAPE[kind];
    if (!expected.test(value)) {
      loaded.ok = false;
      this.sink.add(loaded.pos, `expected ${expected.what}, got ${typeName(value) === 'null' ? 'nothing' : `a ${typeName(value)}`}`, { expected: expected.what });
      return;
    }
    const errors = validateWith(schema, value);
    if (!errors.length) return;
    loaded.ok = false;
    this.sink.errors.push(...ajvErrorsToLoadErrors(errors, value, loaded.pos, describeIn(kind, value), { notSupported: NOT_SUPPORTED }));
  }
}

const isList = (v: unknown) => Array.isArray(v);
const isMapping = (v: unknown) => v === null || (typeof v === 'object' && !Array.isArray(v));
/** What the top of each kind of file must be, said the way a user thinks of it. */
const ROOT_SHAPE: Record<FileKind, { what: string; test: (v: unknown) => boolean }> = {
  playbook: { what: 'a list of plays', test: isList },
  'task-list': { what: 'a list of tasks', test: isList },
  'handler-list': { what: 'a list of handlers', test: isList },
  'role-meta': { what: 'a mapping', test: isMapping },
  'role-argument-specs': { what: 'a mapping', test: (v) => isMapping(v) && v !== null },
  'role-vars': { what: 'a mapping of variables', test: isMapping },
  'vars-file': { what: 'a mapping of variables', test: isMapping },
};

export function newPlayState(): PlayState {
  return { roleHandlers: [], applied: new Set(), handlersAdded: new Set() };
}

export function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

export function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
