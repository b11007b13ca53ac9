/**
 * The ssh command-line options Ansible users put in `ansible_ssh_common_args` and
 * `ansible_ssh_extra_args`, read into settings (we never run the ssh binary). Understood:
 * `-o Key=Value` (and `-oKey=Value`, `-o "Key Value"`), `-i`, `-p`, `-l`, `-J`, `-F`, and a
 * ProxyCommand of the `ssh -W %h:%p bastion` form, which is a jump host by another name.
 */

export interface SshArgs {
  /** `-o` options by lower-cased name; the first occurrence wins, as in ssh. */
  options: Map<string, string>;
  /** UserKnownHostsFile values (all of them). */
  knownHostsFiles: string[];
  identityFile?: string;
  port?: number;
  user?: string;
  proxyJump?: string;
  configFile?: string;
}

export function parseSshArgs(...texts: (string | undefined)[]): SshArgs {
  const out: SshArgs = { options: new Map(), knownHostsFiles: [] };
  const words = texts.flatMap((t) => (t ? shellWords(t) : []));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const flag = /^-([oipljF])(.*)$/.exec(w);
    if (!flag) continue;
    const value = flag[2] !== '' ? flag[2]! : words[++i];
    if (value === undefined) break;
    switch (flag[1]) {
      case 'o': addOption(out, value); break;
      case 'i': out.identityFile ??= value; break;
      case 'p': out.port ??= Number(value); break;
      case 'l': out.user ??= value; break;
      case 'J': out.proxyJump ??= value; break;
      case 'F': out.configFile ??= value; break;
    }
  }
  const o = out.options;
  if (o.has('identityfile')) out.identityFile ??= o.get('identityfile');
  if (o.has('port')) out.port ??= Number(o.get('port'));
  if (o.has('user')) out.user ??= o.get('user');
  if (o.has('proxyjump')) out.proxyJump ??= o.get('proxyjump');
  if (!out.proxyJump && o.has('proxycommand')) out.proxyJump = jumpFromProxyCommand(o.get('proxycommand')!);
  return out;
}

function addOption(out: SshArgs, text: string): void {
  const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/.exec(text);
  if (!m) return;
  const key = m[1]!.toLowerCase();
  const value = m[2]!.trim();
  if (key === 'userknownhostsfile') {
    out.knownHostsFiles.push(...value.split(/\s+/).filter((f) => f !== '' && f.toLowerCase() !== 'none'));
  }
  if (!out.options.has(key)) out.options.set(key, value);
}

/** `ssh -W %h:%p [-p N] [-l u] [user@]bastion` -> `user@bastion:N`; anything else is not understood. */
function jumpFromProxyCommand(command: string): string | undefined {
  const words = shellWords(command);
  if (!/(^|\/)ssh$/.test(words[0] ?? '') || !words.includes('-W')) return undefined;
  let host: string | undefined, port: string | undefined, user: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-p') port = words[++i];
    else if (w === '-l') user = words[++i];
    else if (/^-[WoiFJcbDeEIlmOQRSw]$/.test(w)) i++;
    else if (!w.startsWith('-')) host = w;
  }
  if (!host) return undefined;
  return `${user && !host.includes('@') ? user + '@' : ''}${host}${port ? ':' + port : ''}`;
}

/** Split like a POSIX shell would (quotes and backslashes), without expansions. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      cur += text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) i++;
        cur += text[i++];
      }
      inWord = true;
    } else if (c === '\\') {
      cur += text[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
