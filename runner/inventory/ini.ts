/**
 * Ansible's INI inventory: `[group]` host lines with inline `k=v`, `[group:vars]`,
 * `[group:children]`, comments with `#` or `;`. Lines before any section are ungrouped hosts.
 * A group named in `:children` or `:vars` must be declared somewhere in the file (Ansible
 * refuses the file otherwise), and the first such problem is reported with its line.
 */
import { portProblem } from './port-check.js';
import { InventoryBuilder, GroupLoopError } from './model.js';
import { parsePythonLiteral } from './python-literal.js';
import { shlexSplit, ShlexError } from './shlex.js';
import { splitPort, expandHostRange, HostRangeError } from './host-pattern.js';
import { inventoryError } from './errors.js';

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:[#;].*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:[#;].*)?$/;

type State = 'hosts' | 'vars' | 'children';

interface Pending {
  line: number;
  state: 'vars' | 'children';
  parents: string[];
}

/** Reads one INI inventory file's text into the builder. */
export function readIniInventory(b: InventoryBuilder, text: string, file: string): void {
  const fail = (line: number, col: number, reason: string): never => {
    throw inventoryError(file, line, col, reason);
  };
  const pending = new Map<string, Pending>();
  let group = 'ungrouped';
  let state: State = 'hosts';
  const lines = text.split(/\r?\n/);
  for (let n = 1; n <= lines.length; n++) {
    const raw = lines[n - 1]!;
    const line = raw.trim();
    const col = raw.length - raw.trimStart().length + 1;
    if (!line || line[0] === '#' || line[0] === ';') continue;
    const section = SECTION.exec(line);
    if (section) {
      group = section[1]!;
      const kind = section[2] ?? 'hosts';
      if (kind !== 'hosts' && kind !== 'vars' && kind !== 'children') {
        fail(n, col, `section [${group}:${kind}] has an unknown type '${kind}' (expected vars or children)`);
      }
      state = kind as State;
      // A group from an earlier source counts as declared, as in Ansible.
      if (state === 'vars' && !b.hasGroup(group) && !pending.has(group)) {
        pending.set(group, { line: n, state: 'vars', parents: [] });
      }
      b.addGroup(group);
      if (state !== 'vars') {
        const p = pending.get(group);
        if (p) {
          pending.delete(group);
          for (const parent of p.parents) addChild(b, parent, group, file, p.line);
        }
      }
      continue;
    }
    if (line.startsWith('[') && line.endsWith(']')) {
      fail(n, col, `invalid section '${line}' (no spaces inside the brackets; a group name cannot hold ':' or ']')`);
    }
    if (state === 'hosts') readHostLine(b, line, group, (c, r) => fail(n, col + c, r));
    else if (state === 'vars') {
      const eq = line.indexOf('=');
      if (eq < 0) fail(n, col, `expected key=value in [${group}:vars], got '${line}'`);
      const [key, value] = [line.slice(0, eq).trim(), parsePythonLiteral(line.slice(eq + 1).trim())];
      const badPort = portProblem(key, value);
      if (badPort) fail(n, col, badPort);
      b.setGroupVar(group, key, value);
    } else {
      const m = GROUP_NAME.exec(line);
      if (!m) fail(n, col, `expected a group name in [${group}:children], got '${line}'`);
      const child = m![1]!;
      if (b.hasGroup(child)) addChild(b, group, child, file, n);
      else {
        const p = pending.get(child);
        if (p && p.state === 'children') p.parents.push(group);
        else pending.set(child, { line: n, state: 'children', parents: [group] });
      }
    }
  }
  for (const [name, p] of pending) {
    if (p.state === 'vars') fail(p.line, 1, `section [${name}:vars] is for group '${name}', which is not declared in this file`);
    fail(p.line, 1, `section [${p.parents[p.parents.length - 1]}:children] names group '${name}', which is not declared in this file`);
  }
}

function addChild(b: InventoryBuilder, parent: string, child: string, file: string, line: number): void {
  try {
    b.addChild(parent, child);
  } catch (e) {
    if (e instanceof GroupLoopError) throw inventoryError(file, line, 1, e.message);
    throw e;
  }
}

/** `name[:port] k=v k="v w" # comment`; `col` in `fail` is relative to the line's first character. */
function readHostLine(b: InventoryBuilder, line: string, group: string, fail: (col: number, reason: string) => never): void {
  let words: string[];
  try {
    words = shlexSplit(line);
  } catch (e) {
    if (e instanceof ShlexError) fail(0, `cannot read host line '${line}': ${e.message}`);
    throw e;
  }
  if (!words.length) return;
  const pattern = words[0]!;
  const { name, port } = splitPort(pattern);
  if (pattern.trim().endsWith(':') && port === undefined) {
    fail(0, `invalid host '${pattern}': a trailing ':' must be followed by a port`);
  }
  if (name === '---') fail(0, "'---' is not a host name (is this a YAML file?)");
  let hosts: string[] = [];
  try {
    hosts = expandHostRange(name);
  } catch (e) {
    if (e instanceof HostRangeError) fail(0, `host '${pattern}': ${e.message}`);
    throw e;
  }
  const vars: Array<[string, unknown]> = [];
  for (const w of words.slice(1)) {
    const eq = w.indexOf('=');
    if (eq < 0) fail(line.indexOf(w), `expected key=value after the host name, got '${w}'`);
    const [key, value] = [w.slice(0, eq), parsePythonLiteral(w.slice(eq + 1))];
    const badPort = portProblem(key, value);
    if (badPort) fail(line.indexOf(w), badPort);
    vars.push([key, value]);
  }
  for (const h of hosts) {
    b.addHost(h, group, port);
    for (const [k, v] of vars) b.setHostVar(h, k, v);
  }
}
