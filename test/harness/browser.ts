/**
 * Debian's headless Chromium driven by playwright-core, started as this machine allows it (no
 * sandbox as root, no background network: the machine's network is closed), with a fresh
 * profile each time. Screenshots go to test-artifacts/ to be looked at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM } from './tiers.js';

export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

export interface OpenBrowser { browser: BrowserContext; close(): Promise<void> }

export async function openBrowser(): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'sr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    browser: context,
    close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export type { Browser };
