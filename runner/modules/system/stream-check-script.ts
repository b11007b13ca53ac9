/**
 * The POSIX shell that stream_check runs where it checks from, and the reading of what it
 * prints (one `name=value` line per fact). Kept apart from the module so both are tested
 * without a streaming server.
 */

export interface StreamCheckPlan {
  publishUrl: string;
  /** Publish URL with a made-up key, pushed first; undefined: no refusal check. */
  wrongUrl?: string;
  playlistUrl: string;
  seconds: number;
  timeout: number;
  size: string;
  insecure: boolean;
  ffmpeg: string;
}

/** Single-quoted for sh. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The URL the publisher uses: `?key=` (or `&key=`) appended. */
export function withKey(url: string, key: string | undefined): string {
  if (key === undefined || key === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`;
}

function pushCommand(p: StreamCheckPlan, url: string, seconds: number): string {
  return [
    shq(p.ffmpeg), '-hide_banner -nostdin -loglevel error -re',
    `-f lavfi -i ${shq(`testsrc=size=${p.size}:rate=25`)} -f lavfi -i ${shq('sine=frequency=440')}`,
    `-t ${seconds} -c:v libx264 -preset veryfast -tune zerolatency -pix_fmt yuv420p -g 50`,
    `-c:a aac -b:a 64k -f flv ${shq(url)}`,
  ].join(' ');
}

export function checkScript(p: StreamCheckPlan): string {
  const curl = `curl -fsS --max-time 5${p.insecure ? ' -k' : ''}`;
  return `set -u
tmp=$(mktemp -d) || exit 90
pid=''
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
ms() { date +%s%3N; }
resolve() { case "$2" in http://*|https://*) printf '%s' "$2" ;; /*) printf '%s%s' "$(printf '%s' "$1" | sed -E 's#^(https?://[^/]+).*#\\1#')" "$2" ;; *) printf '%s/%s' "\${1%/*}" "$2" ;; esac; }
# media URL: a master playlist's first rendition, else the playlist itself (in "$tmp/pl").
media() {
  ${curl} -o "$tmp/pl" "$1" 2>/dev/null && grep -q '^#EXTM3U' "$tmp/pl" || return 1
  if grep -q '^#EXT-X-STREAM-INF' "$tmp/pl"; then
    echo "variants=$(grep -c '^#EXT-X-STREAM-INF' "$tmp/pl")"
    m=$(resolve "$1" "$(grep -v '^#' "$tmp/pl" | grep -m1 .)")
    echo "variant_url=$m"
    ${curl} -o "$tmp/pl" "$m" 2>/dev/null && grep -q '^#EXTM3U' "$tmp/pl" || return 1
    printf '%s\n' "$m" > "$tmp/media"
  else
    printf '%s\n' "$1" > "$tmp/media"
  fi
}
# Segments listed before the push (a finished stream's playlist stays a while): not proof.
: > "$tmp/before"
if media ${shq(p.playlistUrl)} >/dev/null; then grep -v '^#' "$tmp/pl" | grep . > "$tmp/before" || true; fi
${p.wrongUrl === undefined ? '' : `if timeout 20 ${pushCommand(p, p.wrongUrl, 3)} >"$tmp/wrong.log" 2>&1; then echo wrong_key=accepted; else echo wrong_key=refused; fi`}
${pushCommand(p, p.publishUrl, p.seconds)} >"$tmp/push.log" 2>&1 &
pid=$!
t1=$(ms)
deadline=$((t1 + ${p.timeout * 1000}))
seg=''
missing=''
while :; do
  if [ "$(ms)" -ge "$deadline" ]; then missing=playlist; break; fi
  if media ${shq(p.playlistUrl)} > "$tmp/media.facts"; then
    seg=$(grep -v '^#' "$tmp/pl" | grep . | tail -n 1 || true)
    if [ -n "$seg" ] && ! grep -qxF "$seg" "$tmp/before"; then cat "$tmp/media.facts"; echo "playlist_ms=$(( $(ms) - t1 ))"; break; fi
    seg=''
  fi
  if ! kill -0 "$pid" 2>/dev/null; then missing=publish; break; fi
  sleep 0.5
done
if [ -n "$seg" ]; then
  su=$(resolve "$(cat "$tmp/media")" "$seg")
  echo "segment_url=$su"
  if ${curl} -D "$tmp/h" -o "$tmp/seg" "$su"; then
    echo "segment_ms=$(( $(ms) - t1 ))"
    echo "segment_bytes=$(wc -c < "$tmp/seg" | tr -d ' ')"
    echo "segment_sync=$(od -An -tx1 -N1 "$tmp/seg" | tr -d ' \\n')$(od -An -tx1 -j188 -N1 "$tmp/seg" | tr -d ' \\n')"
    echo "segment_type=$(grep -i '^content-type:' "$tmp/h" | tail -n 1 | cut -d: -f2- | tr -d ' \\r')"
  else
    missing=segment
  fi
fi
[ -n "$missing" ] && echo "missing=$missing"
echo "ffmpeg_log=$(tail -c 400 "$tmp/push.log" | tr '\\n' ' ')"
exit 0
`;
}

/** The `name=value` lines the script printed (later lines win). */
export function readFacts(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0 && /^[a-z_]+$/.test(line.slice(0, at))) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

export interface CheckVerdict { failed: boolean; msg: string }

/** What the facts mean for the user: ok with timings, or the first thing that was missing. */
export function verdict(f: Record<string, string>, expectRefusal: boolean, playlistUrl: string): CheckVerdict {
  const ffmpeg = f.ffmpeg_log?.trim() ? ` (ffmpeg: ${f.ffmpeg_log.trim()})` : '';
  if (expectRefusal && f.wrong_key !== 'refused') return { failed: true, msg: 'a publish with a wrong key was accepted: the server does not check keys' };
  if (f.missing === 'publish') return { failed: true, msg: `the publish ended before ${playlistUrl} listed a segment${ffmpeg}` };
  if (f.missing === 'playlist') return { failed: true, msg: `no playlist listing a segment at ${f.variant_url ?? playlistUrl} in time${ffmpeg}` };
  if (f.missing === 'segment') return { failed: true, msg: `the segment ${f.segment_url} could not be downloaded` };
  if (f.segment_sync !== '4747') return { failed: true, msg: `${f.segment_url} is not MPEG-TS (bytes 0 and 188 are ${f.segment_sync || 'missing'}, not the 0x47 sync byte)` };
  const secs = (ms: string | undefined) => (Number(ms ?? 0) / 1000).toFixed(1);
  const refused = expectRefusal ? 'a wrong key was refused; ' : '';
  return { failed: false, msg: `${refused}playlist after ${secs(f.playlist_ms)} s, MPEG-TS segment of ${f.segment_bytes} bytes after ${secs(f.segment_ms)} s` };
}
