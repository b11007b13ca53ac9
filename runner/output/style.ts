/** Colours when writing to a terminal (and NO_COLOR unset), plain text otherwise. */
export interface Style {
  ok(s: string): string;
  changed(s: string): string;
  failed(s: string): string;
  skipped(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  added(s: string): string;
  removed(s: string): string;
  header(s: string): string;
}

const wrap = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;

export function makeStyle(color: boolean): Style {
  if (!color) {
    const id = (s: string) => s;
    return { ok: id, changed: id, failed: id, skipped: id, dim: id, bold: id, added: id, removed: id, header: id };
  }
  return {
    ok: wrap('32'), changed: wrap('33'), failed: wrap('31'), skipped: wrap('36'), dim: wrap('2'),
    bold: wrap('1'), added: wrap('32'), removed: wrap('31'), header: wrap('36'),
  };
}
