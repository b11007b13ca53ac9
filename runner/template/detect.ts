/** Cheap checks on raw text, used before any parsing. */

/** A string that holds Jinja2 syntax: `{{`, `{%` or `{#`. */
export function isTemplated(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const i = value.indexOf('{');
  if (i < 0) return false;
  return /\{[{%#]/.test(value.slice(i));
}

/** Ansible's shortcut: `{{ name }}` naming one variable returns it untouched when it is a number or bool. */
export const SINGLE_VAR = /^\{\{\s*(\w+)\s*\}\}$/;
