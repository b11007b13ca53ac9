/**
 * Every file on the controller a run read (playbooks, task files, roles, inventories, vars files,
 * templates, copy sources, lookups), by the sha256 of its bytes as they are on disk: the inputs a
 * saved plan was made from, checked again before the plan is applied. A leaf module: the readers
 * note what they read here, whatever reads it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const reads = new Map<string, string>();

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function noteControllerRead(path: string, data: string | Buffer): void {
  reads.set(resolve(path), sha256(data));
}

/** Absolute path -> sha256, in the order first read. */
export function controllerReads(): ReadonlyMap<string, string> {
  return reads;
}

export function forgetControllerReads(): void {
  reads.clear();
}

/** A controller file's bytes, noted as read. */
export function readInput(path: string): Buffer {
  const data = readFileSync(path);
  noteControllerRead(path, data);
  return data;
}

export const readInputText = (path: string): string => readInput(path).toString('utf8');
