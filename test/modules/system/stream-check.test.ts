import { strict as assert } from 'node:assert';
import { LocalConnection } from '../../../runner/connections/local.js';
import { moduleContext } from '../../helpers/module-context.js';
import streamCheck from '../../../runner/modules/system/stream_check.js';
import { checkScript, readFacts, verdict, withKey } from '../../../runner/modules/system/stream-check-script.js';

describe('stream_check (no streaming server needed)', () => {
  const ctx = moduleContext(new LocalConnection());
  const args = { rtmp_url: 'rtmp://192.0.2.1/app/demo', playlist_url: 'http://192.0.2.1/live/demo/index.m3u8' };

  it('plans ok (it changes nothing), the check left to the real run as its settle step', async () => {
    const plan = await streamCheck.plan(ctx, { ...args, ffmpeg: 'sh' });
    assert.equal(plan.state, 'ok');
    assert.equal(plan.apply, undefined);
    assert.ok(plan.settle);
    assert.match(plan.summary!, /^push a test stream to rtmp:\/\/192\.0\.2\.1\/app\/demo and read http:\/\/192\.0\.2\.1\/live\/demo\/index\.m3u8 back$/);
  });

  it('fails in the plan when ffmpeg is missing where it runs, and when a refusal is asked without a key', async () => {
    await assert.rejects(streamCheck.plan(ctx, { ...args, ffmpeg: 'no-such-ffmpeg-here' }), /needs no-such-ffmpeg-here, curl and timeout/);
    await assert.rejects(streamCheck.plan(ctx, { ...args, ffmpeg: 'sh', refuse_wrong_key: true }), /refuse_wrong_key needs the stream's key/);
  });

  it('keeps the key out of the plan; the publish URL gets ?key= (or &key=)', async () => {
    const plan = await streamCheck.plan(ctx, { ...args, key: 's3cret-key', ffmpeg: 'sh' });
    assert.doesNotMatch(JSON.stringify(plan), /s3cret-key/);
    assert.equal(withKey('rtmp://h/app/demo', 's3cret-key'), 'rtmp://h/app/demo?key=s3cret-key');
    assert.equal(withKey('rtmp://h/app/demo?x=1', 'k'), 'rtmp://h/app/demo?x=1&key=k');
  });

  it('reads the facts the script prints and names what was missing', () => {
    const ok = readFacts('wrong_key=refused\nplaylist_ms=2611\nsegment_url=http://h/live/demo/1.ts\nsegment_ms=2638\nsegment_bytes=63356\nsegment_sync=4747\nsegment_type=video/mp2t\nffmpeg_log=\n');
    assert.deepEqual(verdict(ok, true, 'http://h/live/demo/index.m3u8'), { failed: false, msg: 'a wrong key was refused; playlist after 2.6 s, MPEG-TS segment of 63356 bytes after 2.6 s' });
    assert.match(verdict({ ...ok, wrong_key: 'accepted' }, true, 'u').msg, /wrong key was accepted/);
    assert.match(verdict({ missing: 'playlist', ffmpeg_log: 'Connection refused' }, false, 'http://h/x.m3u8').msg, /^no playlist listing a segment at http:\/\/h\/x\.m3u8 in time \(ffmpeg: Connection refused\)$/);
    assert.match(verdict({ ...ok, segment_sync: '3c21' }, false, 'u').msg, /is not MPEG-TS \(bytes 0 and 188 are 3c21/);
  });

  it('its script is valid POSIX shell', async () => {
    const script = checkScript({ publishUrl: "rtmp://h/app/it's", wrongUrl: 'rtmp://h/app/x?key=w', playlistUrl: 'http://h/l/x/index.m3u8', seconds: 5, timeout: 5, size: '64x36', insecure: true, ffmpeg: 'ffmpeg' });
    const r = await new LocalConnection().exec(`sh -n <<'SCRIPT'\n${script}\nSCRIPT`);
    assert.equal(r.rc, 0, r.stderr);
  });
});
