/**
 * Load errors: every problem found in playbooks, roles and task files, each pointing at the file,
 * line and column a user has to edit. Loading collects them all before anything runs.
 */
import { relative, isAbsolute } from 'node:path';
import type { SourcePos } from './ir.js';

/** A path as a user reads it in a message: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export interface LoadErrorDetails {
  /** What was expected there ("a list of plays", "a string or integer"). */
  expected?: string;
  /** The close name for a typo. */
  suggestion?: string;
}

export class LoadError extends Error {
  override name = 'LoadError';
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly expected?: string;
  readonly suggestion?: string;
  /** The message without the "file:line:col: " prefix. */
  readonly reason: string;

  constructor(pos: SourcePos, reason: string, details: LoadErrorDetails = {}) {
    const file = displayPath(pos.file);
    const hint = details.suggestion ? ` (did you mean '${details.suggestion}'?)` : '';
    super(`${file}:${pos.line}:${pos.col}: ${reason}${hint}`);
    this.file = file;
    this.line = pos.line;
    this.col = pos.col;
    this.reason = reason;
    if (details.expected !== undefined) this.expected = details.expected;
    if (details.suggestion !== undefined) this.suggestion = details.suggestion;
  }
}

/** Thrown by loadPlaybook when anything is wrong: all errors found, in file order. */
export class LoadErrors extends AggregateError {
  override name = 'LoadErrors';
  declare readonly errors: LoadError[];

  constructor(errors: LoadError[]) {
    super(errors, loadErrorsToText(errors));
  }
}

/** One line per error, sorted by file and position, duplicates dropped. */
export function loadErrorsToText(errors: LoadError[]): string {
  return sortErrors(errors).map((e) => e.message).join('\n');
}

export function sortErrors(errors: LoadError[]): LoadError[] {
  const seen = new Set<string>();
  return [...errors]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col)
    .filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}

/** Where errors are gathered while loading goes on. */
export class ErrorSink {
  readonly errors: LoadError[] = [];

  add(pos: SourcePos, reason: string, details?: LoadErrorDetails): void {
    this.errors.push(new LoadError(pos, reason, details));
  }

  throwIfAny(): void {
    if (this.errors.length) throw new LoadErrors(sortErrors(this.errors));
  }
}
