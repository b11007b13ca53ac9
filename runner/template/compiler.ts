/**
 * nunjucks' compiler with Jinja2's semantics where nunjucks emits plain JS: names and attributes
 * go through `env.sr` (undefined is an error, except under `is defined`, `default()` and
 * `mandatory`), conditions use Python truthiness, operators Python's rules, output prints
 * None as '' and True/False capitalised, dict keys are expressions and `(a, b)` is a tuple.
 */
import { BaseCompiler, nodes, nodeType, type AnyNode } from './nunjucks-internals.js';
import { SliceNode, SplatNode } from './syntax.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Frame = any;

const WrapNode = nodeType('SrWrap', ['target', 'names']);

/** Filters whose first argument may be undefined. */
const LENIENT_FILTERS = new Set(['default', 'd', 'mandatory']);
const LITERAL_NAMES: Record<string, string> = { True: 'true', False: 'false', None: 'null' };
const ARITH: Record<string, string> = { Sub: '-', Mul: '*', Div: '/', FloorDiv: '//', Mod: '%', Pow: '**' };

export interface CompileOptions {
  /** evaluate(): store the value of the single `{{ expr }}` instead of printing it. */
  capture: boolean;
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
}

/** A readable name for the expression an attribute is read from, for error messages. */
function staticPath(node: AnyNode): string {
  switch (node.typename) {
    case 'Symbol': return node.value;
    case 'LookupVal': {
      const base = staticPath(node.target);
      const v = node.val;
      if (v.typename === 'Literal' && typeof v.value === 'number') return `${base}[${v.value}]`;
      if (v.typename === 'Literal') return /^[A-Za-z_]\w*$/.test(String(v.value)) ? `${base}.${v.value}` : `${base}['${v.value}']`;
      return `${base}[...]`;
    }
    case 'FunCall': return `${staticPath(node.name)}(...)`;
    case 'Filter': return `(... | ${node.name.value})`;
    case 'Literal': return JSON.stringify(node.value);
    default: return '(expression)';
  }
}

export class Compiler extends (BaseCompiler as new (name: string, throwOnUndefined: boolean) => any) {
  private lenient = new Set<AnyNode>();
  /** The `*args` nodes that stand directly in a call's arguments. */
  private callArgs = new Set<AnyNode>();

  constructor(name: string, private readonly options: CompileOptions) {
    super(name, false);
  }

  assertType(node: AnyNode, ...types: unknown[]): void {
    if (node instanceof SliceNode || node instanceof SplatNode || node instanceof WrapNode) return;
    super.assertType(node, ...types);
  }

  private emitArgs(children: AnyNode[], frame: Frame): void {
    children.forEach((child, i) => {
      if (i) this._emit(', ');
      this._compileExpression(child, frame);
    });
  }

  compileSymbol(node: AnyNode, frame: Frame): void {
    const name: string = node.value;
    const local = frame.lookup(name);
    if (local) this._emit(local);
    else if (name in LITERAL_NAMES) this._emit(`(frame.lookup("${name}") ?? ${LITERAL_NAMES[name]})`);
    else this._emit(`env.sr.sym(context, frame, ${JSON.stringify(name)}, ${this.lenient.has(node)}, ${node.lineno})`);
  }

  compileLookupVal(node: AnyNode, frame: Frame): void {
    this.lenient.add(node.target);
    if (node.val instanceof SliceNode) {
      this._emit('env.sr.slice(');
      this._emit(`env.sr.strict(`);
      this._compileExpression(node.target, frame);
      this._emit(`, ${node.lineno}), `);
      this.emitArgs([node.val.start, node.val.stop, node.val.step].map((n) => n ?? new nodes.Literal(node.lineno, node.colno, null)), frame);
      this._emit(')');
      return;
    }
    this._emit('env.sr.member(');
    this._compileExpression(node.target, frame);
    this._emit(', ');
    this._compileExpression(node.val, frame);
    this._emit(`, ${JSON.stringify(staticPath(node.target))}, ${this.lenient.has(node)}, ${node.lineno})`);
  }

  compileSlice(node: AnyNode): void {
    this.fail('a slice is only allowed inside [ ]', node.lineno, node.colno);
  }

  compileFunCall(node: AnyNode, frame: Frame): void {
    for (const a of node.args.children) if (a instanceof SplatNode) this.callArgs.add(a);
    super.compileFunCall(node, frame);
  }

  /** `*items` in a call: the items become positional arguments (JavaScript's spread in the argument array). */
  compileSplat(node: AnyNode, frame: Frame): void {
    if (!this.callArgs.has(node)) this.fail('`*` is only allowed before an argument of a call', node.lineno, node.colno);
    this._emit('...env.sr.iter(');
    this._compileExpression(node.target, frame);
    this._emit(', 1)');
  }

  compileIs(node: AnyNode, frame: Frame): void {
    const name: string = node.right.name ? node.right.name.value : node.right.value;
    if (!this.options.hasTest(name)) this.fail(`no test named '${name}'`, node.lineno, node.colno);
    this.lenient.add(node.left);
    this._emit(`env.sr.test(${JSON.stringify(name)}, `);
    this._compileExpression(node.left, frame);
    this._emit(`, ${node.lineno}, [`);
    if (node.right.args) this.emitArgs(node.right.args.children, frame);
    this._emit('])');
  }

  compileFilter(node: AnyNode, frame: Frame): void {
    const name: string = node.name.value;
    if (!this.options.hasFilter(name)) this.fail(`no filter named '${name}'`, node.lineno, node.colno);
    if (LENIENT_FILTERS.has(name)) this.lenient.add(node.args.children[0]);
    this._emit(`env.getFilter(${JSON.stringify(name)}).call(context, `);
    this.emitArgs(node.args.children, frame);
    this._emit(')');
  }

  compileKeywordArgs(node: AnyNode, frame: Frame): void {
    this._emit('runtime.makeKeywordArgs({');
    node.children.forEach((pair: AnyNode, i: number) => {
      if (i) this._emit(', ');
      this._emit(`${JSON.stringify(pair.key.value)}: `);
      this._compileExpression(pair.value, frame);
    });
    this._emit('})');
  }

  compileDict(node: AnyNode, frame: Frame): void {
    this._emit('env.sr.dict([');
    this.emitArgs(node.children.flatMap((pair: AnyNode) => [pair.key, pair.value]), frame);
    this._emit('])');
  }

  compileGroup(node: AnyNode, frame: Frame): void {
    if (node.children.length === 1) {
      this._emit('(');
      this._compileExpression(node.children[0], frame);
      this._emit(')');
      return;
    }
    this._emit('[');
    this.emitArgs(node.children, frame);
    this._emit(']');
  }

  compileOutput(node: AnyNode, frame: Frame): void {
    for (const child of node.children) {
      if (child instanceof nodes.TemplateData) {
        if (child.value) {
          this._emit(`${this.buffer} += `);
          this.compileLiteral(child, frame);
          this._emitLine(';');
        }
        continue;
      }
      this._emit(`${this.buffer} += env.sr.${this.options.capture ? 'capture' : 'out'}(`);
      this._compileExpression(child, frame);
      this._emitLine(');');
    }
  }

  compileIf(node: AnyNode, frame: Frame, async: boolean): void {
    node.cond = this.truthNode(node.cond);
    super.compileIf(node, frame, async);
  }

  /** names < 0: Python truthiness of target; otherwise the target made iterable for a for loop. */
  private truthNode(cond: AnyNode): AnyNode {
    return new WrapNode(cond.lineno, cond.colno, cond, -1);
  }

  compileSrWrap(node: AnyNode, frame: Frame): void {
    this._emit(node.names < 0 ? 'env.sr.truthy(' : 'env.sr.iter(');
    this._compileExpression(node.target, frame);
    this._emit(node.names < 0 ? ')' : `, ${node.names})`);
  }

  compileFor(node: AnyNode, frame: Frame): void {
    const names = node.name instanceof nodes.Array ? node.name.children.length : 1;
    node.arr = new WrapNode(node.arr.lineno, node.arr.colno, node.arr, names);
    super.compileFor(node, frame);
  }

  compileInlineIf(node: AnyNode, frame: Frame): void {
    this._emit('(env.sr.truthy(');
    this._compileExpression(node.cond, frame);
    this._emit(') ? ');
    this._compileExpression(node.body, frame);
    this._emit(' : ');
    if (node.else_) this._compileExpression(node.else_, frame);
    else this._emit('""');
    this._emit(')');
  }

  private shortCircuit(node: AnyNode, frame: Frame, takeLeftWhen: string): void {
    this._emit(`((t) => ${takeLeftWhen}env.sr.truthy(t) ? t : (`);
    this._compileExpression(node.right, frame);
    this._emit('))(');
    this._compileExpression(node.left, frame);
    this._emit(')');
  }

  compileOr(node: AnyNode, frame: Frame): void {
    this.shortCircuit(node, frame, '');
  }

  compileAnd(node: AnyNode, frame: Frame): void {
    this.shortCircuit(node, frame, '!');
  }

  compileNot(node: AnyNode, frame: Frame): void {
    this._emit('!env.sr.truthy(');
    this._compileExpression(node.target, frame);
    this._emit(')');
  }

  compileIn(node: AnyNode, frame: Frame): void {
    this._emit('env.sr.contains(');
    this.emitArgs([node.right, node.left], frame);
    this._emit(')');
  }

  compileCompare(node: AnyNode, frame: Frame): void {
    this._emit('env.sr.cmp(');
    this._compileExpression(node.expr, frame);
    this._emit(', [');
    node.ops.forEach((op: AnyNode, i: number) => {
      this._emit(`${i ? ', ' : ''}${JSON.stringify(op.type)}, `);
      this._compileExpression(op.expr, frame);
    });
    this._emit('])');
  }

  compileAdd(node: AnyNode, frame: Frame): void {
    this._emit('env.sr.add(');
    this.emitArgs([node.left, node.right], frame);
    this._emit(')');
  }

  compileConcat(node: AnyNode, frame: Frame): void {
    this._emit('env.sr.concat(');
    this.emitArgs([node.left, node.right], frame);
    this._emit(')');
  }

  compileNeg(node: AnyNode, frame: Frame): void {
    this._emit('env.sr.neg(');
    this._compileExpression(node.target, frame);
    this._emit(')');
  }
}

for (const [type, op] of Object.entries(ARITH)) {
  (Compiler.prototype as any)[`compile${type}`] = function compileArith(this: any, node: AnyNode, frame: Frame): void {
    this._emit(`env.sr.arith(${JSON.stringify(op)}, `);
    this.emitArgs([node.left, node.right], frame);
    this._emit(')');
  };
}
