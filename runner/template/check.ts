/**
 * Checking a template without rendering it: a Jinja2 syntax error, or a filter or test that does
 * not exist, is known from the text alone, so it can be reported before anything runs.
 */
import { compile, cleanMessage, filterNames, testNames } from './environment.js';
import { isTemplated } from './detect.js';
import { closest } from '../load/suggest.js';
import type { NunjucksError } from './nunjucks-internals.js';
import { knownGood, rememberGood } from './known-good.js';

export interface TemplateProblem {
  message: string;
  /** The close filter or test name for an unknown one. */
  suggestion?: string;
  /** 1-based, in the text given (a template file's own line). */
  line?: number;
  col?: number;
}

/** `file`: a template file's text; `value`: a task argument; `condition`: a bare expression (`when:`). */
export function templateProblem(text: string, kind: 'file' | 'value' | 'condition'): TemplateProblem | undefined {
  // A condition holding `{{ }}` is rendered as an argument is, then evaluated (so its text is checked as one).
  const as = kind === 'condition' && isTemplated(text) ? 'value' : kind;
  if (as === 'value' && !isTemplated(text)) return undefined;
  const src = as === 'condition' ? `{{ ${text} }}` : text;
  if (knownGood(as, src)) return undefined;
  try {
    compile(src, as === 'value' ? 'raw' : 'python', as === 'condition');
    rememberGood(as, src);
    return undefined;
  } catch (err) {
    const e = err as NunjucksError;
    const problem: TemplateProblem = { message: cleanMessage(e) };
    const unknown = /^no (filter|test) named '([^']+)'$/.exec(problem.message);
    const suggestion = unknown ? closest(unknown[2]!, unknown[1] === 'filter' ? filterNames() : testNames()) : undefined;
    if (suggestion) problem.suggestion = suggestion;
    // nunjucks' positions are already 1-based; an unclosed block is found at the end of the text.
    if (typeof e.lineno === 'number') problem.line = e.lineno;
    else if (kind === 'file') problem.line = text.replace(/\n$/, '').split('\n').length;
    if (typeof e.colno === 'number') problem.col = e.colno;
    return problem;
  }
}
