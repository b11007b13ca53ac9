/**
 * Where lineinfile puts (or removes) a line, on text only: the same decisions as Ansible's
 * module, in the same order, so files end up byte-identical to what Ansible would write.
 * Lines keep their '\n'; a regexp is matched against the line without it.
 */
import { expandTemplate, pythonRegex } from './python-regex.js';

export interface LinePresent {
  line: string;
  regexp?: string;
  search_string?: string;
  insertafter?: string;
  insertbefore?: string;
  backrefs?: boolean;
  firstmatch?: boolean;
}

export interface EditOutcome {
  text: string;
  msg: string;
  changed: boolean;
  found?: number;
}

export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const bare = (l: string): string => l.replace(/[\r\n]+$/, '');

export function linePresent(text: string, o: LinePresent): EditOutcome {
  const lines = splitLines(text);
  let insertafter = o.insertafter;
  const insertbefore = o.insertbefore;
  if (insertafter === undefined && insertbefore === undefined) insertafter = 'EOF';
  const re = o.regexp !== undefined ? pythonRegex(o.regexp, 'regexp') : undefined;
  const insRe = insertafter !== undefined && insertafter !== 'BOF' && insertafter !== 'EOF'
    ? pythonRegex(insertafter, 'insertafter')
    : insertbefore !== undefined && insertbefore !== 'BOF' ? pythonRegex(insertbefore, 'insertbefore') : undefined;

  let found = -1; // the line the regexp / search string / exact line matched
  let at = -1; // where insertafter/insertbefore points
  let match: RegExpExecArray | true | undefined;

  if (re || o.search_string !== undefined) {
    for (let i = 0; i < lines.length; i++) {
      const m = re ? re.exec(bare(lines[i]!)) : lines[i]!.includes(o.search_string!) ? true : null;
      if (m) {
        found = i;
        match = m;
        if (o.firstmatch) break;
      }
    }
  }
  if (!match) {
    for (let i = 0; i < lines.length; i++) {
      if (bare(lines[i]!) === o.line) {
        found = i;
      } else if (insRe && insRe.test(bare(lines[i]!))) {
        at = insertafter !== undefined ? i + 1 : i;
        if (o.firstmatch) break;
      }
    }
  }

  const add = (msg = 'line added'): EditOutcome => ({ text: lines.join(''), msg, changed: true });
  const same: EditOutcome = { text, msg: '', changed: false };
  const ensureFinalNewline = () => {
    const last = lines.length - 1;
    if (last >= 0 && !/[\r\n]$/.test(lines[last]!)) lines[last] += '\n';
  };

  if (found !== -1) {
    let newLine = o.backrefs && match && match !== true ? expandTemplate(o.line, match) : o.line;
    if (!newLine.endsWith('\n')) newLine += '\n';
    if (lines[found] === newLine) return same;
    lines[found] = newLine;
    return add('line replaced');
  }
  if (o.backrefs) return same; // no match: the backrefs cannot be filled, so nothing is written
  if (insertbefore === 'BOF' || insertafter === 'BOF') {
    lines.unshift(o.line + '\n');
    return add();
  }
  if (insertafter === 'EOF' || at === -1) {
    if (lines.length && !/[\r\n]$/.test(lines[lines.length - 1]!)) lines.push('\n');
    lines.push(o.line + '\n');
    return add();
  }
  if (insertafter !== undefined) {
    if (at === lines.length) {
      if (bare(lines[at - 1]!) === o.line) return same;
      ensureFinalNewline(); // Ansible glues the line to a last line without '\n'; we do not
      lines.push(o.line + '\n');
      return add();
    }
    if (bare(lines[at]!) === o.line) return same;
    lines.splice(at, 0, o.line + '\n');
    return add();
  }
  lines.splice(at, 0, o.line + '\n');
  return add();
}

export interface LineAbsent {
  line?: string;
  regexp?: string;
  search_string?: string;
}

export function lineAbsent(text: string, o: LineAbsent): EditOutcome {
  const re = o.regexp !== undefined ? pythonRegex(o.regexp, 'regexp') : undefined;
  let found = 0;
  const kept = splitLines(text).filter((l) => {
    const hit = re ? re.test(bare(l)) : o.search_string !== undefined ? l.includes(o.search_string) : bare(l) === o.line;
    if (hit) found++;
    return !hit;
  });
  return found
    ? { text: kept.join(''), msg: `${found} line(s) removed`, changed: true, found }
    : { text, msg: '', changed: false, found: 0 };
}
