/**
 * Publishes a short test stream with ffmpeg over RTMP and reads it back over HTTP as a player
 * would: the playlist, then one of the segments it lists.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Starts `ffmpeg -re` pushing a generated picture and tone to rtmp://host/app/key. */
export function pushTestStream(host: string, app: string, key: string, seconds: number): ChildProcess {
  return spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-re',
    '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=30',
    '-f', 'lavfi', '-i', 'sine',
    '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', '60',
    '-c:a', 'aac', '-f', 'flv', `rtmp://${host}/${app}/${key}`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface Playback { playlist: string; segments: string[]; firstSegment: Buffer; segmentType: string | null }

/** Segment URIs of an HLS media playlist (lines that are not tags or blank). */
export function playlistSegments(playlist: string): string[] {
  return playlist.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/**
 * Polls the playlist until it lists a segment (it appears a few seconds into a push), then
 * downloads that segment (`playlist` names another playlist, such as a master playlist, whose
 * entries are then its renditions). Gives up when the pusher has exited and no playlist came.
 */
export async function readBack(base: string, pusher: ChildProcess, patienceMs = 60_000, playlist = 'index.m3u8'): Promise<Playback> {
  let exited = false;
  pusher.once('exit', () => { exited = true; });
  const url = `${base}/${playlist}`;
  let last = 'no answer';
  for (let waited = 0; waited < patienceMs; waited += 1000) {
    try {
      const res = await fetch(url);
      const text = await res.text();
      last = `${res.status}: ${text.slice(0, 200)}`;
      const segments = res.ok ? playlistSegments(text) : [];
      if (segments.length > 0) {
        const seg = await fetch(new URL(segments[0], url));
        if (!seg.ok) throw new Error(`segment ${segments[0]} answered ${seg.status}`);
        return {
          playlist: text, segments,
          firstSegment: Buffer.from(await seg.arrayBuffer()),
          segmentType: seg.headers.get('content-type'),
        };
      }
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('segment')) throw err;
      last = String(err);
    }
    if (exited) break;
    await sleep(1000);
  }
  throw new Error(`no playable HLS at ${url} (last answer ${last})`);
}
