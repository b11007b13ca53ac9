/**
 * Jinja2 templates and expressions with Ansible's semantics, on nunjucks. Nothing outside this
 * folder imports nunjucks.
 */
export { TemplateError, UndefinedVariableError, type Where } from './errors.js';
export { OMIT } from './undef.js';
export { isTemplated } from './detect.js';
export { render, renderValue, renderTracked, renderArgsTracked, renderLenient, evaluate, evaluateCondition } from './render.js';
export { UNSAFE, markUnsafe, unsafeNames, isUnsafeName } from './unsafe.js';
export { holdsTemplate, renderedOnRead } from './lazy.js';
export { noteUnsafe } from './state.js';
export { loopLookup, LOOKUP_NAMES } from './lookups/index.js';
export { pyStr } from './py-values.js';
export { templateVars, ANSIBLE_MANAGED } from './template-vars.js';
export { templateProblem, type TemplateProblem } from './check.js';
