/**
 * stream_check: a live stream end to end, from where the module runs. It pushes a short ffmpeg
 * test pattern over RTMP (first with a wrong key when asked, which must be refused) and reads
 * the HLS playlist and a segment back over HTTP. It changes nothing anywhere, so the plan is
 * 'ok' and the check is its settle step: a real run does it (failing when the stream does not
 * come back), a dry run only announces it. The key is never printed: it is replaced in
 * everything the module returns.
 */
import { randomBytes } from 'node:crypto';
import type { ModuleDefinition, ModuleResult } from '../contract.js';
import { ModuleError } from '../contract.js';
import schema from '../../../schemas/modules/stream_check.json' with { type: 'json' };
import { toBool, toInt } from './coerce.js';
import { checkScript, readFacts, shq, verdict, withKey } from './stream-check-script.js';
import type { StreamCheckArgs } from '../../types/module-args.js';

const streamCheck: ModuleDefinition<StreamCheckArgs> = {
  name: 'stream_check',
  schema,
  async plan(ctx, args) {
    const ffmpeg = args.ffmpeg ?? 'ffmpeg';
    const seconds = toInt(args.seconds, 'seconds') ?? 20;
    const timeout = toInt(args.timeout, 'timeout') ?? 30;
    const refusal = toBool(args.refuse_wrong_key, false);
    if (refusal && !args.key) throw new ModuleError('refuse_wrong_key needs the stream\'s key: without one, no publish is refused for its key');
    const tools = await ctx.conn.exec(`command -v ${shq(ffmpeg)} >/dev/null && command -v curl >/dev/null && command -v timeout >/dev/null`);
    if (tools.rc !== 0) throw new ModuleError(`stream_check needs ${ffmpeg}, curl and timeout where it runs; one of them is missing`);
    const hide = (s: string) => (args.key ? s.split(args.key).join('********').split(encodeURIComponent(args.key)).join('********') : s);
    const script = checkScript({
      publishUrl: withKey(args.rtmp_url, args.key),
      wrongUrl: refusal ? withKey(args.rtmp_url, `wrong-${randomBytes(6).toString('hex')}`) : undefined,
      playlistUrl: args.playlist_url,
      seconds, timeout,
      size: args.size ?? '640x360',
      insecure: !toBool(args.validate_certs, true),
      ffmpeg,
    });
    const base: ModuleResult = { rtmp_url: args.rtmp_url, playlist_url: args.playlist_url };
    return {
      state: 'ok',
      steps: [{ run: hide(script), what: 'the stream check' }],
      summary: `push a test stream to ${args.rtmp_url}${refusal ? ' (a wrong key first)' : ''} and read ${args.playlist_url} back`,
      result: base,
      settle: async () => {
        const started = Date.now();
        const r = await ctx.conn.exec(script, { timeoutMs: (seconds + timeout + 60) * 1000 });
        const facts = readFacts(hide(r.stdout));
        const seen = r.rc === 0 ? verdict(facts, refusal, args.playlist_url) : { failed: true, msg: `the check could not run: ${hide(r.stderr).trim()}` };
        const n = (k: string) => (facts[k] === undefined ? undefined : Number(facts[k]));
        return {
          ...base,
          failed: seen.failed,
          msg: seen.msg,
          elapsed: Math.round((Date.now() - started) / 100) / 10,
          wrong_key: facts.wrong_key,
          variants: n('variants'),
          playlist_seconds: n('playlist_ms') === undefined ? undefined : n('playlist_ms')! / 1000,
          segment_seconds: n('segment_ms') === undefined ? undefined : n('segment_ms')! / 1000,
          segment_url: facts.segment_url,
          segment_bytes: n('segment_bytes'),
          segment_type: facts.segment_type,
        };
      },
    };
  },
};

export default streamCheck;
