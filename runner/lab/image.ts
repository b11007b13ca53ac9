/**
 * The golden image (debootstrap minbase + the lab's packages, built once and cached) and the
 * systemd flavour's layer on top of it. Each lives in a directory named after a hash of what went
 * into it, so changing a package list builds a new one instead of patching the old.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { INSTALLED_PACKAGES, CACHED_PACKAGES, SYSTEMD_PACKAGES, DEBCONF_SELECTIONS } from './image-packages.js';
import { CHROOT_BUILD, GOLDEN_SETUP, SYSTEMD_SETUP } from './image-script.js';
import { imagesDir, labDir } from './paths.js';
import { run } from './run.js';

export interface ImageOptions { dir?: string; onProgress?: (line: string) => void }

/** The mirror this machine's apt uses, read at run time (the project never spells it out). */
export function mirrorUrl(): string {
  const text = readFileSync('/etc/apt/sources.list.d/debian.sources', 'utf8');
  const m = /^URIs:\s*(\S+)/m.exec(text);
  if (!m) throw new Error('no URIs: line in /etc/apt/sources.list.d/debian.sources');
  return m[1]!;
}

const hash = (...parts: unknown[]): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);

export function goldenImagePath(dir: string): string {
  return join(imagesDir(dir), `bookworm-${hash(INSTALLED_PACKAGES, CACHED_PACKAGES, DEBCONF_SELECTIONS, CHROOT_BUILD, GOLDEN_SETUP)}`);
}

export function systemdLayerPath(dir: string): string {
  return layerPath(dir, SYSTEMD_LAYER);
}

/**
 * Progress for a build: stage lines always, per-package lines (hundreds of them) at most every
 * few seconds, each with the seconds elapsed since the build started.
 */
function progress(onProgress: ((line: string) => void) | undefined, stage: string, started: number) {
  let lastRepeated = 0;
  return (line: string) => {
    if (!onProgress) return;
    const now = Date.now();
    const show = (text: string) => onProgress(`[${Math.round((now - started) / 1000)}s] ${stage}: ${text}`);
    if (/^(== |E: |W: )/.test(line)) show(line.replace(/^== /, ''));
    else if (/^I: (Retrieving|Validating|Extracting|Unpacking|Configuring) /.test(line) || /^(Setting up|Unpacking|Get:\d+) /.test(line)) {
      if (now - lastRepeated >= 3000) { lastRepeated = now; show(line.replace(/^I: /, '')); }
    } else if (/^I: /.test(line)) show(line.slice(3));
  };
}

/** Builds in a temporary directory and renames it into place, so a half-built image is never used. */
async function buildInto(path: string, build: (tmp: string) => Promise<void>): Promise<string> {
  if (existsSync(join(path, '.ready'))) return path;
  const tmp = `${path}.tmp-${process.pid}`;
  await fs.mkdir(join(path, '..'), { recursive: true });
  await fs.rm(tmp, { recursive: true, force: true });
  try {
    await build(tmp);
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw e;
  }
  await fs.writeFile(join(tmp, '.ready'), new Date().toISOString() + '\n');
  await fs.rm(path, { recursive: true, force: true });
  await fs.rename(tmp, path);
  return path;
}

function chrootBuild(root: string, env: Record<string, string>, onLine: (line: string) => void): Promise<unknown> {
  return run('unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-ec', CHROOT_BUILD, 'sh', root], {
    onLine,
    env: { INSTALL: '', DOWNLOAD: '', DEBCONF: '', SETUP: '', ...env },
  });
}

const building = new Map<string, Promise<string>>();

/** Path of the golden image, built (about a minute and a half) only when missing. */
export function buildImage(options: ImageOptions = {}): Promise<string> {
  const path = goldenImagePath(labDir(options.dir));
  const cached = building.get(path);
  if (cached) return cached;
  {
    const p = buildInto(path, async (tmp) => {
      const started = Date.now();
      options.onProgress?.(`building the golden image ${path} (debootstrap, then apt)`);
      await run('debootstrap', ['--variant=minbase', 'bookworm', tmp, mirrorUrl()], { onLine: progress(options.onProgress, 'debootstrap', started) });
      await chrootBuild(tmp, {
        INSTALL: INSTALLED_PACKAGES.join(' '),
        DOWNLOAD: CACHED_PACKAGES.join(' '),
        DEBCONF: DEBCONF_SELECTIONS.join('\n'),
        SETUP: GOLDEN_SETUP,
      }, progress(options.onProgress, 'apt', started));
      options.onProgress?.(`[${Math.round((Date.now() - started) / 1000)}s] golden image ready`);
    });
    building.set(path, p);
    p.catch(() => building.delete(path));
    return p;
  }
}

/** What goes into a layer above the golden image: packages, files placed first, a setup script. */
export interface LayerSpec {
  /** Names the layer's directory, with a hash of everything below. */
  name: string;
  install?: readonly string[];
  /** Shell run in the layer's root (chroot) after the packages. */
  setup?: string;
  /** Writes files into the layer's upper directory before anything runs (seen in the root). */
  prepare?: (upper: string) => Promise<void>;
  /** Changes whenever what `prepare` writes changes (part of the layer's hash). */
  prepareKey?: unknown;
}

/**
 * A layer above the golden image: only the files that its packages and setup change, kept as an
 * overlay upper directory and used as a second lower layer above the golden image.
 */
export function layerPath(dir: string, spec: LayerSpec): string {
  const golden = goldenImagePath(dir).split('-').pop();
  return join(imagesDir(dir), `${spec.name}-${hash(golden, spec.install ?? [], spec.setup ?? '', spec.prepareKey ?? null, CHROOT_BUILD)}`);
}

export function buildLayer(spec: LayerSpec, options: ImageOptions = {}): Promise<string> {
  const path = layerPath(labDir(options.dir), spec);
  const cached = building.get(path);
  if (cached) return cached;
  const p = (async (): Promise<string> => {
    const lower = await buildImage(options);
    return buildInto(path, async (tmp) => {
      const started = Date.now();
      options.onProgress?.(`building the ${spec.name} layer ${path}`);
      const upper = join(tmp, 'layer');
      const work = join(tmp, 'work');
      const merged = join(tmp, 'merged');
      for (const d of [upper, work, merged]) await fs.mkdir(d, { recursive: true });
      await spec.prepare?.(upper);
      const script = `mount -t overlay overlay -o lowerdir=${lower},upperdir=${upper},workdir=${work} ${merged} && exec /bin/sh -ec "$BUILD" sh ${merged}`;
      await run('unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-ec', script], {
        onLine: progress(options.onProgress, `${spec.name} layer`, started),
        env: { BUILD: CHROOT_BUILD, INSTALL: (spec.install ?? []).join(' '), DOWNLOAD: '', DEBCONF: '', SETUP: spec.setup ?? '' },
      });
      await fs.rm(work, { recursive: true, force: true });
      await fs.rm(merged, { recursive: true, force: true });
    }).then((built) => join(built, 'layer'));
  })();
  building.set(path, p);
  p.catch(() => building.delete(path));
  return p;
}

const SYSTEMD_LAYER: LayerSpec = { name: 'systemd', install: SYSTEMD_PACKAGES, setup: SYSTEMD_SETUP };

/** The systemd flavour's layer. */
export function buildSystemdLayer(options: ImageOptions = {}): Promise<string> {
  return buildLayer(SYSTEMD_LAYER, options);
}
