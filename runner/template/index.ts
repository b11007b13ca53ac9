/**
 * Jinja2 templates and expressions with Ansible's semantics, on nunjucks. Nothing outside this
 * folder imports nunjucks.
 */
export { TemplateError, UndefinedVariableError, type Where } from './errors.js';
export { OMIT } from './undef.js';
export { isTemplated } from './detect.js';
export { render, renderValue, evaluate, evaluateCondition } from './render.js';
