/**
 * INI inventory values are read as Ansible reads them: Python literals (`ast.literal_eval`) when
 * they parse as one (numbers, quoted strings, True/False/None, lists, tuples, dicts), otherwise
 * the text as is. So `port=22` is a number, `flag=True` a boolean, `name="a b"` a string, and
 * `yes` stays the string "yes".
 */

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'name'; v: string } | { t: 'op'; v: string };

class NotALiteral extends Error {}

/** The value Python's literal_eval gives for `text`, or `text` itself when it is not a literal. */
export function parsePythonLiteral(text: string): unknown {
  try {
    const toks = tokenize(text.replace(/^[ \t]+/, ''));
    const p = new Parser(toks);
    const v = p.top();
    return v;
  } catch (e) {
    if (e instanceof NotALiteral) return text;
    throw e;
  }
}

const NUM = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?)/;

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '#') {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[i + 1] ?? ''))) {
      const m = NUM.exec(s.slice(i))!;
      const lit = m[0];
      if (/[A-Za-z0-9_.]/.test(s[i + lit.length] ?? '')) throw new NotALiteral();
      out.push({ t: 'num', v: numberOf(lit) });
      i += lit.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))![0];
      const q = s[i + m.length];
      if ((q === '"' || q === "'") && /^(?:[rRuUbB]|[rR][bB]|[bB][rR])$/.test(m)) {
        const [v, len] = readString(s, i + m.length, /[rR]/.test(m));
        out.push({ t: 'str', v });
        i += m.length + len;
      } else {
        out.push({ t: 'name', v: m });
        i += m.length;
      }
    } else if (c === '"' || c === "'") {
      const [v, len] = readString(s, i, false);
      out.push({ t: 'str', v });
      i += len;
    } else if ('[](){},:+-'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
    } else {
      throw new NotALiteral();
    }
  }
  return out;
}

function numberOf(lit: string): number {
  const clean = lit.replace(/_/g, '');
  if (/^0[xX]/.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0[oO]/.test(clean)) return parseInt(clean.slice(2), 8);
  if (/^0[bB]/.test(clean)) return parseInt(clean.slice(2), 2);
  // Python rejects leading zeros on decimal integers (`0644`), but allows `00` and floats.
  if (/^0\d/.test(clean) && /^\d+$/.test(clean) && !/^0+$/.test(clean)) throw new NotALiteral();
  return Number(clean);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };

/** Reads a (possibly triple) quoted string starting at `start`; returns its value and length. */
function readString(s: string, start: number, raw: boolean): [string, number] {
  const q = s[start]!;
  const triple = s.startsWith(q.repeat(3), start);
  const close = triple ? q.repeat(3) : q;
  let i = start + close.length;
  let v = '';
  while (i < s.length) {
    if (s.startsWith(close, i)) return [v, i + close.length - start];
    const c = s[i]!;
    if (c === '\n' && !triple) break;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1]!;
      if (raw) {
        v += c + n;
        i += 2;
        continue;
      }
      if (n in ESCAPES) {
        v += ESCAPES[n];
        i += 2;
      } else if (/[0-7]/.test(n)) {
        const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
        v += String.fromCharCode(parseInt(m, 8));
        i += 1 + m.length;
      } else if (n === 'x' || n === 'u' || n === 'U') {
        const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
        const hex = s.slice(i + 2, i + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new NotALiteral();
        v += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + len;
      } else {
        v += c + n;
        i += 2;
      }
      continue;
    }
    v += c;
    i++;
  }
  throw new NotALiteral();
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  top(): unknown {
    if (!this.toks.length) throw new NotALiteral();
    const first = this.value();
    let result: unknown = first;
    if (this.peekOp(',')) {
      // A bare tuple: `1, 2` (a trailing comma is allowed).
      const items = [first];
      while (this.eatOp(',')) {
        if (this.i >= this.toks.length) break;
        items.push(this.value());
      }
      result = items;
    }
    if (this.i !== this.toks.length) throw new NotALiteral();
    return result;
  }

  private peekOp(v: string): boolean {
    const t = this.toks[this.i];
    return t?.t === 'op' && t.v === v;
  }

  private eatOp(v: string): boolean {
    if (!this.peekOp(v)) return false;
    this.i++;
    return true;
  }

  private next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new NotALiteral();
    return t;
  }

  private value(): unknown {
    const t = this.next();
    if (t.t === 'num') return t.v;
    if (t.t === 'str') {
      let v = t.v;
      // Adjacent string literals concatenate: 'a' "b" is 'ab'.
      while (this.toks[this.i]?.t === 'str') v += (this.next() as { v: string }).v;
      return v;
    }
    if (t.t === 'name') {
      if (t.v === 'True') return true;
      if (t.v === 'False') return false;
      if (t.v === 'None') return null;
      throw new NotALiteral();
    }
    if (t.v === '-' || t.v === '+') {
      const n = this.next();
      if (n.t !== 'num') throw new NotALiteral();
      return t.v === '-' ? -n.v : n.v;
    }
    if (t.v === '[') return this.sequence(']');
    if (t.v === '(') {
      if (this.eatOp(')')) return [];
      const first = this.value();
      if (this.eatOp(')')) return first; // parentheses around one value, not a tuple
      if (!this.eatOp(',')) throw new NotALiteral();
      const rest = this.peekOp(')') ? (this.i++, []) : this.sequence(')');
      return [first, ...rest];
    }
    if (t.v === '{') return this.mapping();
    throw new NotALiteral();
  }

  private sequence(close: string): unknown[] {
    const items: unknown[] = [];
    while (!this.eatOp(close)) {
      items.push(this.value());
      if (!this.eatOp(',') && !this.peekOp(close)) throw new NotALiteral();
    }
    return items;
  }

  /** A dict `{k: v}`, or a set `{a, b}` (read as a list). */
  private mapping(): unknown {
    if (this.eatOp('}')) return {};
    const firstKey = this.value();
    if (!this.eatOp(':')) {
      const items = [firstKey];
      if (this.eatOp(',')) items.push(...this.sequence('}'));
      else if (!this.eatOp('}')) throw new NotALiteral();
      return [...new Set(items)];
    }
    const out: Record<string, unknown> = {};
    let key = firstKey;
    for (;;) {
      if (typeof key === 'object' && key !== null) throw new NotALiteral();
      out[key === null ? 'None' : key === true ? 'True' : key === false ? 'False' : String(key)] = this.value();
      if (this.eatOp('}')) return out;
      if (!this.eatOp(',')) throw new NotALiteral();
      if (this.eatOp('}')) return out;
      key = this.value();
      if (!this.eatOp(':')) throw new NotALiteral();
    }
  }
}
