/**
 * A growable byte buffer for one output stream of a remote shell. Output can be many megabytes
 * arriving in small chunks, so it grows by doubling and searches resume where they stopped,
 * keeping marker detection linear in the output size.
 */
export class StreamBuffer {
  private buf = Buffer.alloc(64 * 1024);
  private len = 0;

  get length(): number {
    return this.len;
  }

  push(data: Buffer): void {
    if (this.len + data.length > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.len + data.length) size *= 2;
      const bigger = Buffer.alloc(size);
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    data.copy(this.buf, this.len);
    this.len += data.length;
  }

  indexOf(needle: string, from: number): number {
    return this.view().indexOf(needle, Math.max(0, from), 'latin1');
  }

  byteAt(i: number): number | undefined {
    return i < this.len ? this.buf[i] : undefined;
  }

  slice(start: number, end: number): Buffer {
    return Buffer.from(this.buf.subarray(start, Math.min(end, this.len)));
  }

  /** Drop bytes [start, end), keeping what follows. */
  cut(start: number, end: number): void {
    this.buf.copy(this.buf, start, end, this.len);
    this.len -= end - start;
  }

  private view(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}
