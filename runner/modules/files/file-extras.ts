/**
 * What the file module sets besides mode and owner: modification and access times (`now`,
 * `preserve`, or a time written in *_time_format, read as the host's local time) and ext2-style
 * attributes (chattr: `+i`, `-a`, `=ie` or `ie`). They are read in one more round trip, only when
 * asked for, and added to the plan of the state: after its apply, or as the whole change.
 */
import { shq } from '../../connections/connection.js';
import type { FileDiff, Plan } from '../contract.js';
import { ModuleError } from '../contract.js';
import { hostTimeText } from './time-format.js';
import type { FileFacts } from './file.js';
import { pathResult } from './attributes.js';
import { runStep } from '../plan-steps.js';

interface Extra {
  key: 'mtime' | 'atime' | 'attributes';
  before: string;
  after: string;
  command: string;
}

/** Times and attributes the arguments ask for, added to `plan` (for states that leave a path). */
export async function withExtras(f: FileFacts, plan: Plan, state: string): Promise<Plan> {
  const touch = state === 'touch';
  const times = [['mtime', f.args.modification_time, f.args.modification_time_format], ['atime', f.args.access_time, f.args.access_time_format]] as const;
  const wanted = times.filter(([, v]) => v !== undefined && v !== 'preserve' && !(touch && v === 'now'));
  const attributes = f.args.attributes ?? f.args.attr;
  if (!wanted.length && !attributes) return plan;
  const where = f.target.realPath ?? f.path;
  const p = shq(where);
  const dates = wanted.map(([, v, fmt]) => (v === 'now' ? '' : hostTimeText(String(v), fmt ?? '%Y%m%d%H%M.%S')));
  const script = [
    `if [ -e ${p} ]; then echo "T|$(stat -c '%.9Y|%.9X' -- ${p})"; fi`,
    ...dates.map((d, i) => (d ? `echo "D${i}|$(date -d ${shq(d)} +%s)"` : '')),
    // Without -v, as Ansible compares them (some filesystems, overlayfs among them, have no version to read).
    attributes ? `if [ -e ${p} ] && command -v lsattr >/dev/null; then echo "X|$(lsattr -d -- ${p} 2>/dev/null | head -n1)"; fi` : '',
  ].filter(Boolean).join('\n');
  const r = await f.ctx.conn.exec(script, { become: f.ctx.become });
  const rec: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) if (line.includes('|')) rec[line.slice(0, line.indexOf('|'))] = line.slice(line.indexOf('|') + 1);
  const [mtime, atime] = (rec.T ?? '').split('|').map(Number);
  const extras: Extra[] = [];
  wanted.forEach(([key, v, fmt], i) => {
    const current = key === 'mtime' ? mtime : atime;
    const flag = key === 'mtime' ? '-m' : '-a';
    if (v === 'now') {
      extras.push({ key, before: String(current ?? ''), after: 'now', command: `touch -c ${flag} -- ${p}` });
      return;
    }
    const epoch = Number(rec[`D${i}`]);
    if (!Number.isFinite(epoch) || rec[`D${i}`] === '') throw new ModuleError(`Error while obtaining timestamp for time ${v} using format ${fmt ?? '%Y%m%d%H%M.%S'}`);
    if (current !== epoch) extras.push({ key, before: String(current ?? ''), after: String(epoch), command: `touch -c ${flag} -d @${epoch} -- ${p}` });
  });
  if (attributes) {
    const have = (/^\s*(\S+)\s/.exec(rec.X ?? '')?.[1] ?? '').replace(/-/g, '');
    const a = attrsChange(have, attributes);
    if (a) extras.push({ key: 'attributes', before: have, after: a, command: `chattr ${shq(a)} -- ${p}` });
  }
  if (!extras.length) return plan;
  const run = async () => {
    const out = await f.ctx.conn.exec(extras.map((e) => e.command).join(' && '), { become: f.ctx.become });
    if (out.rc !== 0 || (attributes && out.stderr.trim())) throw new ModuleError(`${attributes ? 'chattr failed' : 'cannot set times'}: ${out.stderr.trim()}`, { path: f.path });
  };
  const diff: FileDiff = {
    before_header: f.path, after_header: f.path,
    before: extras.map((e) => `${e.key}: ${e.before}\n`).join(''),
    after: extras.map((e) => `${e.key}: ${e.after}\n`).join(''),
  };
  const what = extras.map((e) => (e.key === 'attributes' ? `attributes ${e.before || '(none)'} -> ${e.after}` : `${e.key} -> ${e.after}`)).join(', ');
  const step = runStep(extras.map((e) => e.command).join(' && '));
  if (plan.state === 'ok') {
    return {
      state: 'change', summary: `${what} on ${f.path}`, diff: [diff], result: plan.result, steps: [step],
      apply: async () => { await run(); return plan.result; },
    };
  }
  const apply = plan.apply!;
  return {
    ...plan,
    summary: `${plan.summary}; ${what}`,
    diff: [...(plan.diff ?? []), diff],
    steps: [...(plan.steps ?? []), step],
    apply: async () => { const res = await apply(); await run(); return res; },
  };
}

/**
 * The chattr argument that makes `have` (lsattr letters) what `spec` asks, or undefined when it
 * already is: `+x` all present, `-x` none present, `=x`/`x` exactly these. (Ansible compares the
 * letters as text, so it reports `-i` and, beside other flags, `+i` as changed on every run.)
 */
export function attrsChange(have: string, spec: string): string | undefined {
  const op = spec.startsWith('+') || spec.startsWith('-') || spec.startsWith('=') ? spec[0]! : '=';
  const letters = (op === spec[0] ? spec.slice(1) : spec).replace(/\s/g, '');
  const set = new Set(have);
  const done = op === '+' ? [...letters].every((c) => set.has(c))
    : op === '-' ? [...letters].every((c) => !set.has(c))
      : set.size === new Set(letters).size && [...letters].every((c) => set.has(c));
  return done ? undefined : `${op}${letters}`;
}

/** `_diff_peek`: whether the file looks binary (a NUL in its first 8 KiB), as Ansible answers it. Changes nothing. */
export async function diffPeek(f: FileFacts): Promise<Plan> {
  const p = shq(f.path);
  const r = await f.ctx.conn.exec(`[ -f ${p} ] && head -c 8192 -- ${p} | tr -d -c '\\000' | wc -c || echo 0`, { become: f.ctx.become });
  const info = f.self.kind === 'absent' ? {} : pathResult(f.target);
  return { state: 'ok', result: { path: f.path, ...info, appears_binary: Number(r.stdout.trim()) > 0 } };
}

/**
 * Ansible's file module returns its diff in the result too, as before/after dicts of the keys
 * that change (`path` always): tests read `result.diff.after`. Made from the plan's diff lines.
 */
export function withDictDiff(path: string, plan: Plan): Plan {
  if (plan.result?.appears_binary !== undefined) return plan;
  const given = plan.result?.diff as { before?: Record<string, unknown> } | undefined;
  const before: Record<string, unknown> = { path, ...given?.before };
  const after: Record<string, unknown> = { path };
  for (const d of plan.diff ?? []) {
    if (d.before_header?.endsWith('(file attributes)')) continue;
    readLines(d.before, before);
    readLines(d.after, after);
  }
  return { ...plan, result: { ...plan.result, diff: { before, after } } };
}

function readLines(text: string, into: Record<string, unknown>): void {
  for (const line of text.split('\n')) {
    const m = /^(\w+): (.*)$/.exec(line);
    if (!m) continue;
    into[m[1]!] = (m[1] === 'mtime' || m[1] === 'atime') && /^[\d.]+$/.test(m[2]!) ? Number(m[2]) : m[2];
  }
}
