/**
 * YAML as Ansible reads it (YAML 1.1, PyYAML's resolution), keeping where every node came from.
 * (First cut; refined by the loader work.)
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

export function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const [line, col] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : [0, 0];
    throw new Error(`${file}:${line}:${col}: ${e.message.split('\n')[0]}`);
  }
  return doc.toJS({ maxAliasCount: 1000 });
}

export function readYamlFile(file: string): unknown {
  return parseYaml(readFileSync(file, 'utf8'), file);
}
