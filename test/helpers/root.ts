/** Lab hosts need root (network namespaces, overlay mounts): without it a suite says so and skips. */
export function skipUnlessRoot(ctx: Mocha.Context): void {
  if (process.getuid?.() === 0) return;
  console.log('    skipped: lab hosts need root (network namespaces, overlay mounts)');
  ctx.skip();
}
