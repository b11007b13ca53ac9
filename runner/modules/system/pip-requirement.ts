/**
 * Python package requirements as pip reads them, for the pip module's plan: the names a user
 * gave (specifier pieces that a comma split put in separate items joined again), PEP 503 names,
 * PEP 440 versions and specifiers, and pip's installed list (`name==version` lines).
 */

/** `>=`, `~=`... at the start of an item: it continues the previous requirement. */
const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
const startsWithOperator = (s: string): boolean => OPERATORS.some((op) => s.trimStart().startsWith(op));

/**
 * The requirements named by `name`: items split at commas, then a piece that starts with an
 * operator (or sits inside `[extras]`) joined back to the requirement before it, so
 * `['django>1.11.1', '<1.11.3', 'ipaddress']` is `['django>1.11.1,<1.11.3', 'ipaddress']`.
 */
export function recoverNames(names: readonly string[]): string[] {
  const pieces = names.flatMap((n) => n.split(','));
  const out: string[] = [];
  let parts: string[] = [];
  let inBrackets = false;
  for (const p of pieces) {
    if (!startsWithOperator(p) && !inBrackets && parts.length) {
      out.push(parts.join(','));
      parts = [];
    }
    if (p.includes('[')) inBrackets = true;
    if (inBrackets && p.includes(']')) inBrackets = false;
    parts.push(p);
  }
  out.push(parts.join(','));
  return out;
}

/** PEP 503: runs of `-`, `_` and `.` are one `-`, case does not matter. */
export const canonicalName = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase();

export type Spec = [op: string, version: string];

/** One requirement: a plain `name[extras] specifiers` one, or something else pip installs (a path, a URL, a VCS link). */
export interface Requirement {
  /** As pip is given it. */
  text: string;
  /** PEP 503 name; undefined when the requirement is not a plain name (a path, a URL...). */
  name?: string;
  specs: Spec[];
}

const PLAIN = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(\(?([^;()]*)\)?)?\s*(;.*)?$/;

/** `name @ URL` (PEP 508): a named package from that URL. */
const NAMED_URL = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*@\s*\S/;

export function parseRequirement(text: string): Requirement {
  const named = NAMED_URL.exec(text);
  if (named) return { text: text.trim(), name: canonicalName(named[1]!), specs: [] };
  const m = PLAIN.exec(text);
  if (!m || /[/@:]/.test(m[4] ?? '')) return { text, specs: [] };
  const specs: Spec[] = [];
  for (const raw of (m[4] ?? '').split(',')) {
    const s = raw.trim();
    if (!s) continue;
    const op = OPERATORS.find((o) => s.startsWith(o));
    if (!op) return { text, specs: [] };
    specs.push([op, s.slice(op.length).trim()]);
  }
  return { text: text.trim(), name: canonicalName(m[1]!), specs };
}

/** A requirement with `version` added, as Ansible's pip: `1.2` means `==1.2`, anything else is a specifier. */
export function withVersion(req: Requirement, version: string): Requirement {
  const v = version.trimStart();
  return parseRequirement(/^\d/.test(v) ? `${req.text}==${v}` : `${req.text} ${v}`);
}

interface VersionKey { epoch: number; release: number[]; pre: [number, number] | undefined; post: number | undefined; dev: number | undefined; local: string }

const PEP440 = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:(?:-(\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\d*)))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

function versionKey(v: string): VersionKey | undefined {
  const m = PEP440.exec(v.trim());
  if (!m) return undefined;
  const preKind = m[3]?.toLowerCase();
  const preRank = preKind === undefined ? undefined : preKind.startsWith('a') ? 0 : preKind.startsWith('b') ? 1 : 2;
  return {
    epoch: Number(m[1] ?? 0),
    release: m[2]!.split('.').map(Number),
    pre: preRank === undefined ? undefined : [preRank, Number(m[4] || 0)],
    post: m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? Number(m[7] || 0) : undefined,
    dev: m[8] !== undefined ? Number(m[8] || 0) : undefined,
    local: m[9] ?? '',
  };
}

const cmp = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = cmp(a[i] ?? 0, b[i] ?? 0);
    if (c) return c;
  }
  return 0;
}

/** PEP 440 order of two versions (a string comparison when either is not a PEP 440 version). */
export function compareVersions(a: string, b: string): number {
  const x = versionKey(a);
  const y = versionKey(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  return cmp(x.epoch, y.epoch) || compareRelease(x.release, y.release) || comparePhase(x, y) || (x.local < y.local ? -1 : x.local > y.local ? 1 : 0);
}

/** dev releases before pre-releases before the release before post-releases. */
function comparePhase(x: VersionKey, y: VersionKey): number {
  // A dev release with no pre or post part sorts before every pre-release of its version.
  const preOf = (k: VersionKey): [number, number] => k.pre ?? (k.dev !== undefined && k.post === undefined ? [-1, 0] : [3, 0]);
  const [px, py] = [preOf(x), preOf(y)];
  const byPre = cmp(px[0], py[0]) || cmp(px[1], py[1]);
  if (byPre) return byPre;
  const byPost = cmp(x.post ?? -1, y.post ?? -1);
  if (byPost) return byPost;
  return cmp(x.dev ?? Infinity, y.dev ?? Infinity);
}

const withoutLocal = (v: string): string => v.split('+')[0]!;

function matchesSpec(version: string, [op, wanted]: Spec): boolean {
  if (op === '===') return version === wanted;
  if ((op === '==' || op === '!=') && wanted.endsWith('.*')) {
    const prefix = versionKey(wanted.slice(0, -2))?.release;
    const have = versionKey(version)?.release;
    const same = !!prefix && !!have && prefix.every((n, i) => (have[i] ?? 0) === n);
    return op === '==' ? same : !same;
  }
  const c = compareVersions(wanted.includes('+') ? version : withoutLocal(version), wanted);
  switch (op) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '>=': return c >= 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '<': return c < 0;
    case '~=': {
      const release = versionKey(wanted)?.release ?? [];
      const prefix = release.slice(0, Math.max(1, release.length - 1)).join('.');
      return c >= 0 && matchesSpec(version, ['==', `${prefix}.*`]);
    }
    default: return false;
  }
}

/** Whether an installed version satisfies every specifier (pre-releases allowed, as Ansible asks pip's library). */
export const satisfies = (version: string, specs: readonly Spec[]): boolean => specs.every((s) => matchesSpec(version, s));

/** `pip list --format=freeze` (or `pip freeze`): PEP 503 name -> installed version. */
export function parseFreeze(out: string): Map<string, string> {
  const installed = new Map<string, string>();
  for (const line of out.split('\n')) {
    const i = line.indexOf('==');
    if (i <= 0 || line.startsWith('You ')) continue;
    installed.set(canonicalName(line.slice(0, i).trim()), line.slice(i + 2).trim());
  }
  return installed;
}
