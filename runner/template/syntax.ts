/**
 * Parsing Jinja2 text into nunjucks' tree, with the two points where nunjucks' syntax differs:
 * string constants keep Python's escapes (nunjucks drops the backslash of `'\d'`, breaking every
 * regex), `x[1:]` slices parse, and `f(*args)` spreads a list into a call.
 */
import { lexer, nodeType, nodes, Parser, type AnyNode } from './nunjucks-internals.js';
import { unescapePython } from './py-literal.js';

export const SliceNode = nodeType('Slice', ['start', 'stop', 'step']);
/** `f(*items)`: a call's positional arguments taken from a list, as in Python. */
export const SplatNode = nodeType('Splat', ['target']);

/**
 * raw:    task arguments and conditions. Ansible doubles backslashes inside `{{ }}` strings
 *         there, so `'\d+'` and `'\1'` reach the filter exactly as written.
 * python: template files, where Jinja2 applies Python's escapes (`'\n'` is a newline).
 */
export type StringMode = 'raw' | 'python';

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

interface Tokens {
  str: string;
  in_code: boolean;
  trimBlocks: boolean;
  nextToken(): Token | null;
  index: number;
  lineno: number;
  colno: number;
  forward(): void;
  current(): string;
  isFinished(): boolean;
  _parseString(delimiter: string): string;
}

function readString(t: Tokens, delimiter: string, mode: StringMode): string {
  t.forward();
  let body = '';
  while (!t.isFinished() && t.current() !== delimiter) {
    if (t.current() === '\\') {
      t.forward();
      const next = t.current();
      body += mode === 'raw' && next === delimiter ? next : '\\' + next;
    } else {
      body += t.current();
    }
    t.forward();
  }
  t.forward();
  return mode === 'raw' ? body : unescapePython(body);
}

function parseSliceAfterBracket(p: AnyNode, lineno: number, colno: number): AnyNode | undefined {
  const parts: AnyNode[] = [null, null, null];
  let i = 0;
  let isSlice = false;
  while (!p.skip(lexer.TOKEN_RIGHT_BRACKET)) {
    if (p.skip(lexer.TOKEN_COLON)) {
      isSlice = true;
      if (++i > 2) p.fail('too many slice components', lineno, colno);
      continue;
    }
    if (parts[i]) return undefined;
    parts[i] = p.parseExpression();
  }
  if (!isSlice) return undefined;
  return new nodes.Array(lineno, colno, [new SliceNode(lineno, colno, parts[0], parts[1], parts[2])]);
}

/**
 * Jinja2 lexer details nunjucks lacks: `}}` closing a dict inside an expression
 * (`{{ d | combine({'a': {'b': 1}}) }}`) is two braces, not the end of the tag; `item.0.name`
 * indexes; and trim_blocks also removes the newline after a comment.
 */
function jinjaTokens(tokens: Tokens): void {
  const plain = tokens.nextToken.bind(tokens);
  let depth = 0;
  let afterDot = false;
  tokens.nextToken = function nextToken(): Token | null {
    if (tokens.in_code && depth > 0 && tokens.current() === '}') {
      const tok = { type: lexer.TOKEN_RIGHT_CURLY, value: '}', lineno: tokens.lineno, colno: tokens.colno };
      tokens.forward();
      depth--;
      return tok;
    }
    if (tokens.in_code && afterDot && /[0-9]/.test(tokens.current())) {
      // `item.0.name`: after a dot, digits are an index (Jinja2), never the start of a float.
      const at = { lineno: tokens.lineno, colno: tokens.colno };
      let digits = '';
      while (!tokens.isFinished() && /[0-9]/.test(tokens.current())) {
        digits += tokens.current();
        tokens.forward();
      }
      afterDot = false;
      // A symbol token whose value is a number: the parser makes it the Literal index.
      return { type: lexer.TOKEN_SYMBOL, value: Number(digits) as unknown as string, ...at };
    }
    const tok = plain();
    afterDot = !!tok && tok.type === lexer.TOKEN_OPERATOR && tok.value === '.';
    if (!tok) return tok;
    if (tok.type === lexer.TOKEN_LEFT_CURLY) depth++;
    else if (tok.type === lexer.TOKEN_RIGHT_CURLY) depth--;
    else if (tok.type === lexer.TOKEN_VARIABLE_END || tok.type === lexer.TOKEN_BLOCK_END) depth = 0;
    else if (tok.type === lexer.TOKEN_COMMENT && tokens.trimBlocks && tokens.current() === '\n') tokens.forward();
    return tok;
  };
}

const TEST_ARG_START = new Set(['symbol', 'string', 'int', 'float', 'boolean', 'none', 'left-bracket', 'left-curly']);
const NOT_AN_ARG = new Set(['else', 'or', 'and', 'if']);

/** `x is divisibleby 3`, `x is sameas none`, `x is in [1, 2]`: Jinja2 allows one test argument without parentheses. */
function parseIs(this: AnyNode): AnyNode {
  let node = this.parseCompare();
  if (!this.skipSymbol('is')) return node;
  const not = this.skipSymbol('not');
  const nameTok = this.nextToken();
  let test: AnyNode = new nodes.Symbol(nameTok.lineno, nameTok.colno, nameTok.value);
  const next = this.peekToken();
  if (next && next.type === lexer.TOKEN_LEFT_PAREN) {
    test = new nodes.FunCall(nameTok.lineno, nameTok.colno, test, this.parseSignature());
  } else if (next && TEST_ARG_START.has(next.type) && !(next.type === lexer.TOKEN_SYMBOL && NOT_AN_ARG.has(next.value))) {
    const arg = this.parsePostfix(this.parsePrimary(true));
    test = new nodes.FunCall(nameTok.lineno, nameTok.colno, test, new nodes.NodeList(next.lineno, next.colno, [arg]));
  }
  node = new nodes.Is(node.lineno, node.colno, node, test);
  return not ? new nodes.Not(node.lineno, node.colno, node) : node;
}

export function parse(src: string, mode: StringMode): AnyNode {
  const tokens = lexer.lex(src, { trimBlocks: true, lstripBlocks: false }) as Tokens;
  tokens._parseString = (delimiter: string) => readString(tokens, delimiter, mode);
  jinjaTokens(tokens);
  const p = new Parser(tokens);
  p.parseIs = parseIs;
  const plainExpression = p.parseExpression.bind(p);
  // No expression starts with `*`: one that does is a call's `*args` (the compiler refuses it elsewhere).
  p.parseExpression = function parseExpression(): AnyNode {
    const tok = p.peekToken();
    if (tok && tok.type === lexer.TOKEN_OPERATOR && tok.value === '*') {
      p.nextToken();
      return new SplatNode(tok.lineno, tok.colno, plainExpression());
    }
    return plainExpression();
  };
  const plain = p.parseAggregate.bind(p);
  p.parseAggregate = function parseAggregate(): AnyNode {
    const open = p.peeked;
    const saved = { index: tokens.index, lineno: tokens.lineno, colno: tokens.colno };
    try {
      return plain();
    } catch (err) {
      if (!open || open.type !== lexer.TOKEN_LEFT_BRACKET) throw err;
      Object.assign(tokens, saved);
      p.peeked = null;
      let slice: AnyNode | undefined;
      try {
        slice = parseSliceAfterBracket(p, open.lineno, open.colno);
      } catch {
        throw err;
      }
      if (!slice) throw err;
      return slice;
    }
  };
  return p.parseAsRoot();
}
