/** `serial:` batches for rolling updates: counts, percentages, or a list whose last size repeats. */
export function serialBatches(hosts: string[], serial: (number | string)[] | undefined): string[][] {
  if (!serial?.length) return [hosts];
  const sizes = serial.map((s) => sizeOf(s, hosts.length));
  const batches: string[][] = [];
  let i = 0;
  let k = 0;
  while (i < hosts.length) {
    const size = sizes[Math.min(k++, sizes.length - 1)]!;
    batches.push(hosts.slice(i, i + size));
    i += size;
  }
  return batches;
}

function sizeOf(s: number | string, total: number): number {
  if (typeof s === 'number') return s <= 0 ? total : s;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(s);
  if (m) return Math.max(1, Math.floor((parseFloat(m[1]!) / 100) * total));
  const n = parseInt(s, 10);
  return Number.isFinite(n) && n > 0 ? n : total;
}
