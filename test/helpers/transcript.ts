/**
 * The part of a run's output that must be the same under ansible-playbook and Showrunner: play and
 * task headers, each host's status (and debug payload), and the recap. Hosts' lines within a task
 * are sorted (they finish in any order); folded lines ("ok: [h1, h2]") are unfolded; failure
 * details (timings, JSON layout) are cut to the status.
 */
export function transcript(output: string): string {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const out: string[] = [];
  let block: string[] = [];
  const flush = () => {
    out.push(...sortByHost(block));
    block = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    const header = /^(PLAY|TASK|RUNNING HANDLER|PLAY RECAP)\b( \[.*\])?/.exec(line);
    if (header && /\*{3,}$/.test(line)) {
      flush();
      out.push(line.replace(/\s*\*+$/, ''));
      continue;
    }
    const recap = /^(\S+)\s+: (ok=.*)$/.exec(line);
    if (recap) {
      block.push(`${recap[1]} : ${recap[2]!.replace(/\s+/g, ' ').trim()}`);
      continue;
    }
    const inc = /^included: (\S+) for (.+?)( => \(item=.*\))?$/.exec(line);
    if (inc) {
      // the file's name only: the recording was made in another checkout
      for (const h of inc[2]!.split(', ')) block.push(`included: ${inc[1]!.split('/').pop()} for [${h}]${inc[3] ?? ''}`);
      continue;
    }
    const res = /^(ok|changed|skipping|fatal|failed): \[([^\]]+)\](.*)$/.exec(line);
    if (!res) {
      if (line === '...ignoring') block.push(`${block.pop() ?? ''} ...ignoring`);
      continue;
    }
    const [, word, hosts, rest] = res;
    let tail = rest!;
    if (word === 'fatal') tail = /UNREACHABLE!/.test(tail) ? ': UNREACHABLE!' : ': FAILED!';
    else if (word === 'failed') tail = ` ${/\(item=[^)]*\)/.exec(tail)?.[0] ?? ''}`;
    else if (/=> \{$/.test(tail)) {
      // a debug payload: the JSON block until the closing brace at column 0
      const json: string[] = ['{'];
      while (i + 1 < lines.length && lines[i + 1] !== '}') json.push(lines[++i]!);
      i++;
      json.push('}');
      tail = `${tail.replace(/\{$/, '')}${JSON.stringify(JSON.parse(json.join('\n')))}`;
    } else tail = tail.replace(/\s+$/, '').replace(/^\s{2,}.*$/, '').replace(/^( => \(item=.*\))\s{2,}.*$/, '$1'); // our change summaries are extra detail
    for (const h of hosts!.split(', ')) block.push(`${word}: [${h}]${tail}`);
  }
  flush();
  return out.join('\n') + '\n';
}

function sortByHost(lines: string[]): string[] {
  const host = (l: string) => /\[([^\]]+)\]/.exec(l)?.[1] ?? l.split(' ')[0]!;
  return lines
    .map((l, i) => ({ l, i, h: host(l) }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.i - b.i))
    .map((x) => x.l);
}
