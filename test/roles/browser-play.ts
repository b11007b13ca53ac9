/**
 * Opens a page in Debian's headless Chromium (the browser tier's test/harness/browser.ts) and
 * watches its <video> element the way a viewer would: does playback start, does the time
 * advance, are video frames decoded. A screenshot is kept under test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { artifact, openBrowser } from '../harness/browser.js';

export interface Playback {
  /** currentTime when playback was first seen, and `watchMs` later. */
  startTime: number;
  endTime: number;
  /** Decoded video frames at those two moments (getVideoPlaybackQuality). */
  startFrames: number;
  endFrames: number;
  videoWidth: number;
  videoHeight: number;
  /** The page's own status line and what it played. */
  status: string;
  src: string;
  consoleErrors: string[];
}

interface VideoState { time: number; frames: number; width: number; height: number; status: string; src: string; error: string | null }

/**
 * Loads `url`, waits up to `patienceMs` for currentTime > 0, then watches for `watchMs`; the
 * screenshot is test-artifacts/<screenshot>.
 */
export async function playInChromium(url: string, screenshot: string, opts: { patienceMs?: number; watchMs?: number } = {}): Promise<Playback> {
  const open = await openBrowser();
  const consoleErrors: string[] = [];
  try {
    const page = await open.browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(url, { waitUntil: 'load' });
    const state = () => page.evaluate((): VideoState => {
      const v = document.querySelector('video')!;
      const q = v.getVideoPlaybackQuality();
      const w = window as unknown as { streamingPlayer?: { src: string } };
      return {
        time: v.currentTime, frames: q.totalVideoFrames - q.droppedVideoFrames, width: v.videoWidth, height: v.videoHeight,
        status: document.getElementById('state')?.textContent ?? '', src: w.streamingPlayer?.src ?? '',
        error: v.error ? `${v.error.code} ${v.error.message}` : null,
      };
    });
    const deadline = Date.now() + (opts.patienceMs ?? 60_000);
    let first = await state();
    while (first.time <= 0 && Date.now() < deadline) {
      await page.waitForTimeout(500);
      first = await state();
    }
    if (first.time <= 0) {
      await shot(page, screenshot);
      throw new Error(`the video never started: ${JSON.stringify(first)}; console errors: ${consoleErrors.join(' | ')}`);
    }
    await page.waitForTimeout(opts.watchMs ?? 5000);
    const last = await state();
    await shot(page, screenshot);
    return {
      startTime: first.time, endTime: last.time, startFrames: first.frames, endFrames: last.frames,
      videoWidth: last.width, videoHeight: last.height, status: last.status, src: last.src, consoleErrors,
    };
  } finally {
    await open.close();
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifact(name) });
}
