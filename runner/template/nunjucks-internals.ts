/**
 * The only file that imports nunjucks. Its lexer, parser and compiler are not typed by
 * @types/nunjucks, so they are reached here once and given the few types the rest relies on.
 */
import nunjucks from 'nunjucks';
import { transform as njTransform } from 'nunjucks/src/transformer.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyNode = any;
export type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => AnyNode;

const nj = nunjucks as any;

export const Environment = nunjucks.Environment;
export type Environment = nunjucks.Environment;
export const Template = nunjucks.Template;
export type Template = nunjucks.Template;

export const lexer: any = nj.lexer;
export const Parser: new (tokens: unknown) => any = nj.parser.Parser;
export const nodes: any = nj.nodes;
export const BaseCompiler: new (name: string, throwOnUndefined: boolean) => any = nj.compiler.Compiler;
export const transform = njTransform as (ast: AnyNode, asyncFilters: string[], name: string) => AnyNode;

/** An expression node of our own, compiled by a `compile<Name>` method of our compiler. */
export function nodeType(name: string, fields: string[]): NodeClass {
  return nodes.Node.extend(name, { fields });
}

/** nunjucks' own error type (syntax errors, wrapped runtime errors). */
export interface NunjucksError extends Error {
  lineno?: number;
  colno?: number;
}
