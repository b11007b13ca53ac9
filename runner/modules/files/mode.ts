/**
 * File modes as users write them in playbooks: '0644', '644', '0o644', the YAML 1.1 integer
 * 420 (what an unquoted `0644` becomes), or symbolic 'u=rw,g=r,o=r' / 'u+x,go-w' / 'a+X'.
 * Symbolic modes depend on the current mode, so they resolve per path.
 */
import { ModuleError } from '../contract.js';

export type ModeArg = string | number;

/** Resolve `mode` against the current permission bits; returns a 4-digit octal string. */
export function resolveMode(mode: ModeArg, current: number, isDir: boolean): string {
  if (typeof mode === 'number') {
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new ModuleError(`mode ${mode} is not a valid file mode`);
    return toOctal(mode);
  }
  const text = mode.trim();
  const octal = /^0?o?([0-7]{1,4})$/.exec(text);
  if (octal) return toOctal(parseInt(octal[1]!, 8));
  return toOctal(applySymbolic(text, current, isDir));
}

/** True when `mode` can be turned into bits without knowing the current mode. */
export function isAbsoluteMode(mode: ModeArg): boolean {
  return typeof mode === 'number' || /^0?o?[0-7]{1,4}$/.test(mode.trim());
}

export function toOctal(bits: number): string {
  return (bits & 0o7777).toString(8).padStart(4, '0');
}

const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };

function applySymbolic(text: string, current: number, isDir: boolean): number {
  let bits = current & 0o7777;
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) throw new ModuleError(`mode '${text}' is neither octal nor symbolic (like u=rw,g=r,o=r)`);
    const who = m[1] === '' || m[1]!.includes('a') ? 'ugo' : m[1]!;
    for (const op of m[2]!.match(/[-+=][rwxXstugo]*/g)!) {
      const perms = permBits(op.slice(1), who, bits, isDir);
      let scope = 0;
      for (const w of who) scope |= WHO[w]!;
      if (op[0] === '+') bits |= perms & scope;
      else if (op[0] === '-') bits &= ~(perms & scope);
      else bits = (bits & ~scope) | (perms & scope);
    }
  }
  return bits;
}

function permBits(perms: string, who: string, current: number, isDir: boolean): number {
  let bits = 0;
  for (const p of perms) {
    switch (p) {
      case 'r': bits |= 0o444; break;
      case 'w': bits |= 0o222; break;
      case 'x': bits |= 0o111; break;
      case 'X': if (isDir || (current & 0o111)) bits |= 0o111; break;
      case 's': bits |= (who.includes('u') ? 0o4000 : 0) | (who.includes('g') ? 0o2000 : 0); break;
      case 't': bits |= 0o1000; break;
      case 'u': bits |= spread((current >> 6) & 7); break;
      case 'g': bits |= spread((current >> 3) & 7); break;
      case 'o': bits |= spread(current & 7); break;
    }
  }
  return bits;
}

function spread(rwx: number): number {
  return (rwx << 6) | (rwx << 3) | rwx;
}
