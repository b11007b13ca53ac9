/**
 * YAML as Ansible reads it (YAML 1.1, PyYAML's resolution), keeping where every node came from.
 * Duplicate keys are errors naming both lines (PyYAML silently keeps the last one).
 */
import { parseAllDocuments, LineCounter, isAlias, isMap, isScalar, isSeq, isPair } from 'yaml';
import type { Document, Node, ParsedNode } from 'yaml';
import type { SourcePos } from './ir.js';
import { ansibleTags, VaultedText } from './yaml-tags.js';
import { isVaulted } from '../vault/format.js';
import { decryptVault, markSecretValues, VaultError } from '../vault/keyring.js';
import { readInputText } from '../plans/controller-reads.js';
import { recordNode } from './source-map.js';
import { LoadError, LoadErrors } from './errors.js';

const MAX_ALIASES = 1000;

export interface ParsedYaml {
  value: unknown;
  /** Position of the document's top node (line 1, col 1 when empty). */
  pos: SourcePos;
  errors: LoadError[];
}

/** A tab in the leading whitespace of the line a syntax error is on is nearly always the cause: say so, pointing at the tab. */
function tabInIndentation(text: string, pos: SourcePos, reason: string): LoadError | undefined {
  const line = text.split(/\r?\n/)[pos.line - 1] ?? '';
  const indent = /^[ \t]*/.exec(line)![0];
  const tab = indent.indexOf('\t');
  if (tab < 0) return undefined;
  const yamlSays = /tab/i.test(reason) ? '' : ` (the YAML parser says: ${reason})`;
  return new LoadError({ ...pos, col: tab + 1 }, `a tab character in the indentation: YAML indents with spaces only${yamlSays}`);
}

/** Parse one YAML document; problems are returned, not thrown, so loading can collect them all. */
export function parseYamlCollect(text: string, file: string): ParsedYaml {
  const lc = new LineCounter();
  const at = (offset: number): SourcePos => {
    const { line, col } = lc.linePos(offset);
    return { file, line, col };
  };
  const docs = parseAllDocuments(text, {
    version: '1.1',
    customTags: ansibleTags,
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter: lc,
  });
  const list = Array.isArray(docs) ? docs : [];
  const errors: LoadError[] = [];
  for (const doc of list) {
    const e = doc.errors[0];
    if (e) {
      const reason = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const pos = at(e.pos[0]);
      errors.push(tabInIndentation(text, pos, reason) ?? new LoadError(pos, reason));
      return { value: undefined, pos: at(0), errors };
    }
  }
  if (list.length > 1) {
    errors.push(new LoadError(at(list[1]!.range[0]), 'expected one YAML document, found several'));
  }
  const doc = list[0];
  if (!doc || doc.contents === null) return { value: null, pos: at(0), errors };
  const conv = new Converter(doc, at, errors);
  const value = conv.convert(doc.contents as Node, undefined);
  return { value, pos: at(nodeStart(doc.contents as Node)), errors };
}

function nodeStart(n: Node): number {
  return n.range?.[0] ?? 0;
}

class Converter {
  private readonly seen = new Map<Node, unknown>();
  private aliases = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly at: (offset: number) => SourcePos,
    private readonly errors: LoadError[],
  ) {}

  convert(node: Node | null, key: string | undefined): unknown {
    if (node === null) return null;
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIASES) throw new LoadErrors([new LoadError(this.at(nodeStart(node)), 'too many aliases')]);
      const target = node.resolve(this.doc);
      if (!target) return null;
      return this.seen.has(target) ? this.seen.get(target) : this.convert(target, key);
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v instanceof VaultedText) return this.vaulted(v, node);
      // `mode: 0644` is octal 420 in YAML 1.1; the file modules read it as 0644: keep it as written.
      if (key === 'mode' && typeof v === 'number' && /^0[0-7_]+$/.test(String(node.source))) {
        return String(node.source).replace(/_/g, '');
      }
      return v;
    }
    if (isSeq(node)) {
      const arr: unknown[] = [];
      this.seen.set(node, arr);
      const info = recordNode(arr, this.at(nodeStart(node)));
      for (const item of node.items) {
        info.items.push(this.at(nodeStart(item as Node)));
        arr.push(this.convert(item as Node, undefined));
      }
      return arr;
    }
    if (isMap(node)) return this.convertMap(node);
    return null;
  }

  /** An inline vaulted value, decrypted (a secret from now on); a failure is an error at its line. */
  private vaulted(v: VaultedText, node: Node): unknown {
    const at = this.at(nodeStart(node));
    try {
      return decryptVault(v.text, `${at.file}:${at.line}`).toString('utf8');
    } catch (e) {
      if (!(e instanceof VaultError)) throw e;
      this.errors.push(new LoadError(at, e.message.replace(`${at.file}:${at.line}: `, '').replace(`${at.file}:${at.line} is`, 'this value is')));
      return null;
    }
  }

  private convertMap(node: Node & { items: unknown[] }): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.seen.set(node, obj);
    const info = recordNode(obj, this.at(nodeStart(node)));
    const firstLine = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as ParsedNode | null;
      const keyAt = this.at(keyNode ? nodeStart(keyNode) : nodeStart(node));
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        this.merge(obj, info, pair.value as Node);
        continue;
      }
      const rawKey = keyNode === null ? null : this.convert(keyNode, undefined);
      const key = rawKey === null ? '' : typeof rawKey === 'object' ? JSON.stringify(rawKey) : String(rawKey);
      const prev = firstLine.get(key);
      if (prev !== undefined) {
        this.errors.push(new LoadError(keyAt, `duplicate key '${key}' (first at line ${prev})`));
      }
      firstLine.set(key, keyAt.line);
      const valueNode = pair.value as Node | null;
      obj[key] = this.convert(valueNode, key);
      info.keys.set(key, { key: keyAt, value: valueNode ? this.at(nodeStart(valueNode)) : keyAt });
    }
    return obj;
  }

  /** `<<: *anchor` (or a list of them): keys not already set are copied in, earlier sources win. */
  private merge(obj: Record<string, unknown>, info: ReturnType<typeof recordNode>, source: Node): void {
    const sources = isSeq(source) ? (source.items as Node[]) : [source];
    for (const s of sources) {
      const value = this.convert(s, undefined);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const at = this.at(nodeStart(s));
      for (const [k, v] of Object.entries(value)) {
        if (k in obj) continue;
        obj[k] = v;
        info.keys.set(k, { key: at, value: at });
      }
    }
  }
}

/** Parse YAML text; throws LoadErrors on a syntax error or a duplicate key. */
export function parseYaml(text: string, file: string): unknown {
  const r = parseYamlCollect(text, file);
  if (r.errors.length) throw new LoadErrors(r.errors);
  return r.value;
}

/**
 * A YAML file's text, decrypted when Ansible Vault encrypted it; `vaulted` says so, and the
 * parsed values of such a file are to be marked secret (`markSecretValues`).
 */
export function readYamlText(file: string): { text: string; vaulted: boolean } {
  const raw = readInputText(file);
  if (!isVaulted(raw)) return { text: raw, vaulted: false };
  return { text: decryptVault(raw, file).toString('utf8'), vaulted: true };
}

export function readYamlFile(file: string): unknown {
  const { text, vaulted } = readYamlText(file);
  const value = parseYaml(text, file);
  if (vaulted) markSecretValues(value);
  return value;
}
