/**
 * The edit of ini_file, with the rules community.general's module follows (seen in its runs):
 * - a section runs from its `[name]` line to the next line starting with `[`; no section means the
 *   lines before the first section;
 * - present: lines of the option (`opt = v`, `opt=v`, also commented `#opt = v` / `;opt`) take the
 *   wanted values in place, the first ones first; with exclusive, other lines of the option go;
 *   missing values are inserted after the section's last line that is not blank or a comment;
 *   a missing section is appended with its options;
 * - absent: active lines of the option go (with exclusive=false, only those with the values), or
 *   the whole section when no option is given;
 * - an empty file starts as one empty line; a last line without a newline gets one (a change).
 */
import type { EditOutcome } from './lineinfile-edit.js';

export interface IniEdit {
  section?: string | null;
  option?: string;
  values: string[];
  present: boolean;
  exclusive: boolean;
  noExtraSpaces: boolean;
  allowNoValue: boolean;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function optionRe(option: string, commented: boolean): RegExp {
  return new RegExp(`^${commented ? '[#;]?' : ''}[ \\t]*(${esc(option)})[ \\t]*(=|$)[ \\t]*(.*)`, 'm');
}

export function editIni(text: string | null, o: IniEdit): EditOutcome {
  const lines = text ? text.match(/[^\n]*\n|[^\n]+$/g)! : ['\n'];
  let changed = false;
  if (!lines[lines.length - 1]!.endsWith('\n')) {
    lines[lines.length - 1] += '\n';
    changed = true;
  }
  let msg = 'OK';
  const fmt = (v: string) => (o.noExtraSpaces ? `${o.option}=${v}\n` : `${o.option} = ${v}\n`);
  // The region of the section: [start, end) in lines; start is the header (or -1 for no section).
  let start = -1;
  let end = lines.findIndex((l) => l.startsWith('['));
  if (end < 0) end = lines.length;
  let found = !o.section;
  if (o.section) {
    const h = lines.findIndex((l) => l.startsWith(`[${o.section}]`));
    if (h >= 0) {
      found = true;
      start = h;
      const next = lines.findIndex((l, i) => i > h && l.startsWith('['));
      end = next < 0 ? lines.length : next;
    }
  }
  const body = found ? lines.slice(start + 1, end) : [];
  const touched = body.map(() => false);
  const set = (i: number, line: string) => {
    if (body[i] !== line) { changed = true; msg = 'option changed'; }
    body[i] = line;
    touched[i] = true;
  };
  const values = [...new Set(o.values)];

  if (found && o.present && o.option) {
    let noValueDone = false;
    for (let i = 0; i < body.length; i++) {
      const m = optionRe(o.option, true).exec(body[i]!);
      if (!m) continue;
      const k = values.indexOf(m[3]!.replace(/\n$/, ''));
      if (values.length && k >= 0) {
        set(i, m[3] === '' && o.allowNoValue ? `${o.option}\n` : fmt(values[k]!));
        values.splice(k, 1);
      } else if (!values.length && o.allowNoValue) {
        set(i, `${o.option}\n`);
        noValueDone = true;
        break;
      }
    }
    if (o.exclusive && !o.allowNoValue) {
      for (let i = 0; i < body.length && values.length; i++) {
        if (!touched[i] && optionRe(o.option, true).test(body[i]!)) set(i, fmt(values.shift()!));
      }
      for (let i = body.length - 1; i >= 0; i--) {
        if (!touched[i] && optionRe(o.option, true).test(body[i]!)) {
          body.splice(i, 1); touched.splice(i, 1);
          changed = true; msg = 'option changed';
        }
      }
    }
    const wanted = values.length ? values.map(fmt) : o.allowNoValue && !noValueDone && !body.some((l) => l === `${o.option}\n`) ? [`${o.option}\n`] : [];
    if (wanted.length) {
      let at = body.length;
      while (at > 0 && /^[ \t]*([#;].*)?$/.test(body[at - 1]!.replace(/\n$/, ''))) at--;
      // The header (or the top of the file) counts as a line that is not blank.
      body.splice(at, 0, ...wanted);
      changed = true; msg = 'option added';
    }
  }
  if (found && !o.present) {
    if (o.option) {
      const drop = (l: string) => {
        const m = optionRe(o.option!, false).exec(l);
        return !!m && (o.exclusive || values.includes(m[3]!.replace(/\n$/, '')));
      };
      const kept = body.filter((l) => !drop(l));
      if (kept.length !== body.length) { body.splice(0, body.length, ...kept); changed = true; msg = 'option changed'; }
    } else if (start >= 0) {
      lines.splice(start, end - start);
      return { text: lines.join(''), msg: 'section removed', changed: true };
    }
  }
  let out = found ? [...lines.slice(0, start + 1), ...body, ...lines.slice(end)] : lines;
  if (!found && o.present) {
    out = [...out, `[${o.section}]\n`];
    if (o.option && values.length) { out.push(...values.map(fmt)); msg = 'section and option added'; }
    else if (o.option && o.allowNoValue) { out.push(`${o.option}\n`); msg = 'section and option added'; }
    else msg = 'only section added';
    changed = true;
  }
  return { text: out.join(''), msg, changed };
}
