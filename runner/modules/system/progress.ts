/** Turns a long command's live output into the latest non-empty line for the progress display. */
import type { ModuleContext } from '../contract.js';

export function progressLines(ctx: ModuleContext): (chunk: string) => void {
  return (chunk) => {
    const last = chunk.split(/[\r\n]+/).map((l) => l.trim()).filter(Boolean).pop();
    if (last) ctx.progress(last.slice(0, 200));
  };
}
