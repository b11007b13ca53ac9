/**
 * `--report FILE.html`: the run as one self-contained page (no network when viewed): a grid of
 * tasks by hosts coloured by result, hosts whose results agree on every task folded into one
 * column, each cell opening its summary, message, diff and output; time per task and per host;
 * the recap. Built from the --json report, so both always say the same.
 */
import type { JsonReport } from './json-report.js';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}h2{font-size:1.1em;margin:1.2em 0 .4em}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th.host{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal}
td.cell{width:2.2em;text-align:center;cursor:pointer;font-weight:bold;color:#fff}
td.ok{background:#3a7d44}td.changed{background:#c98a00}td.failed{background:#b3261e}td.unreachable{background:#6b1d8f}
td.skipped{background:#9aa5b1}td.none{background:#f4f4f4;cursor:default}
td.time,td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.detail td{background:#fafafa}pre{margin:.3em 0;white-space:pre-wrap;max-width:70em}
.add{color:#116329}.del{color:#a0111f}.hunk{color:#555}.legend span{display:inline-block;padding:0 .5em;margin-right:.4em;color:#fff}
.legend .ok{background:#3a7d44}.legend .changed{background:#c98a00}.legend .failed{background:#b3261e}.legend .unreachable{background:#6b1d8f}.legend .skipped{background:#9aa5b1}
`;

const SCRIPT = `
const data = JSON.parse(document.getElementById('report-data').textContent);
function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function diffHtml(d){const lines=[];
  lines.push('<span class="del">--- '+esc(d.before_header||'before')+'</span>','<span class="add">+++ '+esc(d.after_header||'after')+'</span>');
  const a=(d.before||'').split('\\n'),b=(d.after||'').split('\\n');
  let i=0;while(i<a.length&&i<b.length&&a[i]===b[i])i++;
  let ea=a.length,eb=b.length;while(ea>i&&eb>i&&a[ea-1]===b[eb-1]){ea--;eb--;}
  for(let k=Math.max(0,i-3);k<i;k++)lines.push(' '+esc(a[k]));
  for(let k=i;k<ea;k++)lines.push('<span class="del">-'+esc(a[k])+'</span>');
  for(let k=i;k<eb;k++)lines.push('<span class="add">+'+esc(b[k])+'</span>');
  for(let k=ea;k<Math.min(a.length,ea+3);k++)lines.push(' '+esc(a[k]));
  return '<pre class="diff">'+lines.join('\\n')+'</pre>';}
function detail(r,hosts){let h='<b>'+esc(hosts.join(', '))+'</b>: '+esc(r.status);
  if(r.summary)h+=' &mdash; '+esc(r.summary);
  if(r.msg)h+='<pre class="msg">'+esc(r.msg)+'</pre>';
  for(const d of r.diff||[])h+=diffHtml(d);
  const res=r.result||{};for(const k of ['stdout','stderr'])if(res[k])h+='<pre class="'+k+'">'+esc(res[k])+'</pre>';
  return h;}
document.querySelectorAll('td.cell[data-task]').forEach(td=>td.addEventListener('click',()=>{
  const row=td.parentElement,next=row.nextElementSibling;
  if(next&&next.classList.contains('detail')&&next.dataset.from===td.id){next.remove();return;}
  if(next&&next.classList.contains('detail'))next.remove();
  const t=data.tasks[td.dataset.task],g=data.groups[td.dataset.group];
  const tr=document.createElement('tr');tr.className='detail';tr.dataset.from=td.id;
  const cell=document.createElement('td');cell.colSpan=row.children.length;cell.innerHTML=detail(t.hosts[g[0]],g);
  tr.appendChild(cell);row.after(tr);}));
`;

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const LETTER: Record<string, string> = { ok: '✓', changed: '~', failed: '✗', unreachable: '!', skipped: '–' };

interface HostResult { status?: string; elapsed_ms?: number }

/** Hosts whose results are the same on every task, in inventory order. */
function foldHosts(hosts: string[], tasks: { hosts: Record<string, unknown> }[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const h of hosts) {
    const key = JSON.stringify(tasks.map((t) => {
      const r = t.hosts[h] as (HostResult & Record<string, unknown>) | undefined;
      if (!r) return null;
      const { elapsed_ms: _elapsed, ...rest } = r;
      return rest;
    }));
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return [...groups.values()];
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

export function htmlReport(report: JsonReport, title = 'Showrunner run'): string {
  const tasks = report.plays.flatMap((p) => p.tasks.map((t) => ({ ...t, play: p.name })));
  const hosts = [...new Set([...Object.keys(report.stats), ...report.plays.flatMap((p) => p.hosts)])];
  const groups = foldHosts(hosts, tasks);
  const head = groups.map((g) => `<th class="host" title="${esc(g.join(', '))}">${esc(g.length > 1 ? `${g[0]} +${g.length - 1}` : g[0]!)}</th>`).join('');
  const rows: string[] = [];
  let play = '';
  tasks.forEach((t, ti) => {
    if (t.play !== play) {
      play = t.play;
      rows.push(`<tr class="play"><th colspan="${groups.length + 2}">PLAY [${esc(play)}]</th></tr>`);
    }
    const cells = groups.map((g, gi) => {
      const r = t.hosts[g[0]!] as HostResult | undefined;
      if (!r?.status) return '<td class="cell none"></td>';
      return `<td class="cell ${r.status}" id="c${ti}-${gi}" data-task="${ti}" data-group="${gi}" title="${esc(`${g.join(', ')}: ${r.status}`)}">${LETTER[r.status] ?? '?'}</td>`;
    }).join('');
    const slowest = Math.max(0, ...Object.values(t.hosts).map((r) => (r as HostResult).elapsed_ms ?? 0));
    rows.push(`<tr><td>${t.handler ? 'handler: ' : ''}${esc(t.title)}</td>${cells}<td class="time">${seconds(slowest)}</td></tr>`);
  });
  const perHost = (h: string) => tasks.reduce((n, t) => n + ((t.hosts[h] as HostResult | undefined)?.elapsed_ms ?? 0), 0);
  const recap = Object.entries(report.stats).map(([h, s]) =>
    `<tr><td>${esc(h)}</td>${(['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'] as const).map((k) => `<td class="num">${s[k]}</td>`).join('')}<td class="time">${seconds(perHost(h))}</td></tr>`).join('');
  const data = JSON.stringify({ tasks: tasks.map((t) => ({ title: t.title, hosts: t.hosts })), groups }).replace(/</g, '\\u003c');
  const legend = Object.entries(LETTER).map(([k, l]) => `<span class="cell ${k}"><b>${l}</b> ${k}</span>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}${report.check ? ' (dry run: --check)' : ''}</h1>
<p>${esc(report.playbook ?? '')} &middot; ${hosts.length} host(s) &middot; ${tasks.length} task(s) &middot; ${seconds(report.elapsed_ms ?? 0)} &middot; exit ${report.exit_code ?? ''}</p>
<p class="legend">${legend}</p>
<table id="grid"><thead><tr><th>task</th>${head}<th>time</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<h2>PLAY RECAP</h2>
<table id="recap"><thead><tr><th>host</th><th>ok</th><th>changed</th><th>unreachable</th><th>failed</th><th>skipped</th><th>rescued</th><th>ignored</th><th>time</th></tr></thead><tbody>
${recap}
</tbody></table>
<script type="application/json" id="report-data">${data}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
