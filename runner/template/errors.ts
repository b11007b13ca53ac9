/**
 * Errors a template can raise. Every message ends with where the text came from, so a user can go
 * straight to the task or template line that needs fixing.
 */

export interface Where {
  file?: string;
  line?: number;
}

/** "(roles/x/tasks/main.yml:12)", "(roles/x/templates/a.j2)" or '' when nothing is known. */
export function formatWhere(where?: Where): string {
  if (!where || !where.file) return where?.line ? ` (line ${where.line})` : '';
  return where.line ? ` (${where.file}:${where.line})` : ` (${where.file})`;
}

export class TemplateError extends Error {
  where?: Where;
  /** The message without the location suffix (handy when the caller adds its own context). */
  readonly detail: string;

  constructor(detail: string, where?: Where) {
    super(detail + formatWhere(where));
    this.name = 'TemplateError';
    this.detail = detail;
    this.where = where;
  }
}

export class UndefinedVariableError extends TemplateError {
  /** The variable, or the dotted path up to the first missing key ("nginx.ports.rtmp"). */
  variable: string;
  /** Why, when the path alone does not say ("'a' is None", "mandatory"). */
  readonly reason?: string;

  constructor(variable: string, where?: Where, reason?: string) {
    super(`'${variable}' is undefined${reason ? ` (${reason})` : ''}`, where);
    this.name = 'UndefinedVariableError';
    this.variable = variable;
    this.reason = reason;
  }
}
