/**
 * Python's `ast.literal_eval` for the text a template renders to. Ansible turns a rendered
 * argument that looks like a list, a dict, True or False back into that value (`"[{{ a }}, 1]"`
 * becomes a list); anything that is not a valid literal stays text.
 */

/** Python string-literal escapes (also what Jinja2 applies to string constants in templates). */
export function unescapePython(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      case '\\': return '\\';
      case "'": return "'";
      case '"': return '"';
      case '\n': return '';
      case 'x': case 'u': case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
    }
    if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return m;
  });
}

class LiteralParser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(): never {
    throw new SyntaxError(`not a literal at ${this.pos}`);
  }

  ws(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  eat(ch: string): boolean {
    this.ws();
    if (this.src.startsWith(ch, this.pos)) {
      this.pos += ch.length;
      return true;
    }
    return false;
  }

  value(): unknown {
    this.ws();
    const c = this.src[this.pos];
    if (c === '[' || c === '(') return this.sequence(c === '[' ? ']' : ')');
    if (c === '{') return this.dict();
    if (c === "'" || c === '"') return this.strings();
    const word = /^(True|False|None)\b/.exec(this.src.slice(this.pos));
    if (word) {
      this.pos += word[0].length;
      return word[0] === 'True' ? true : word[0] === 'False' ? false : null;
    }
    const n = /^[-+]?\s*(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*)?\.?\d[\d_]*([eE][-+]?\d+)?|\d[\d_]*\.)/.exec(this.src.slice(this.pos));
    if (!n) this.fail();
    this.pos += n[0].length;
    const text = n[0].replace(/[\s_]/g, '');
    if (/^[-+]?0[xob]/i.test(text)) {
      const sign = text.startsWith('-') ? -1 : 1;
      return sign * Number(text.replace(/^[-+]/, ''));
    }
    return Number(text);
  }

  sequence(close: string): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    while (!this.eat(close)) {
      out.push(this.value());
      if (!this.eat(',')) {
        if (!this.eat(close)) this.fail();
        break;
      }
    }
    return out;
  }

  dict(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    if (this.eat('}')) return out;
    for (;;) {
      const key = this.value();
      if (!this.eat(':')) this.fail(); // a set literal: keep the text
      if (typeof key === 'object' && key !== null) this.fail();
      out[key === null ? 'None' : typeof key === 'boolean' ? (key ? 'True' : 'False') : String(key)] = this.value();
      if (this.eat('}')) return out;
      if (!this.eat(',')) this.fail();
      if (this.eat('}')) return out;
    }
  }

  /** Adjacent literals concatenate, as in Python ('a' 'b' is 'ab'). */
  strings(): string {
    let out = '';
    do {
      const q = this.src[this.pos];
      const triple = this.src.startsWith(q.repeat(3), this.pos);
      const delim = triple ? q.repeat(3) : q;
      let i = this.pos + delim.length;
      let body = '';
      for (;;) {
        if (i >= this.src.length) this.fail();
        if (this.src[i] === '\\') { body += this.src.slice(i, i + 2); i += 2; continue; }
        if (this.src.startsWith(delim, i)) break;
        if (!triple && this.src[i] === '\n') this.fail();
        body += this.src[i++];
      }
      this.pos = i + delim.length;
      out += unescapePython(body);
      this.ws();
    } while (this.src[this.pos] === "'" || this.src[this.pos] === '"');
    return out;
  }
}

/** The literal's value, or `undefined` when the text is not a Python literal. */
export function literalEval(text: string): unknown {
  try {
    const p = new LiteralParser(text);
    const v = p.value();
    p.ws();
    return p.pos === text.length ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Ansible's rule for rendered text: only list-, dict- and bool-looking results are converted. */
export function convertRendered(text: string): unknown {
  if (text.startsWith('{') || text.startsWith('[') || text === 'True' || text === 'False') {
    const v = literalEval(text);
    if (v !== undefined) return v;
  }
  return text;
}
