/** nunjucks' AST transformer, which @types/nunjucks does not describe (see nunjucks-internals.ts). */
declare module 'nunjucks/src/transformer.js' {
  export function transform(ast: unknown, asyncFilters: string[], name: string): unknown;
}
