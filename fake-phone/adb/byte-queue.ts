// Incoming TCP chunks never line up with protocol messages (ADB packets, sync requests).
// Joining every chunk onto one growing Buffer is quadratic and made a 50 MB push crawl, so
// chunks are kept as a list and copied only once a whole message is available.
export class ByteQueue {
  private chunks: Buffer[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** The first `n` bytes without consuming them, or undefined when fewer have arrived. */
  peek(n: number): Buffer | undefined {
    if (n > this.total) return undefined;
    const first = this.chunks[0];
    if (first !== undefined && first.length >= n) return first.subarray(0, n);
    return this.gather(n, false);
  }

  /** Removes and returns exactly `n` bytes, or undefined when fewer have arrived. */
  take(n: number): Buffer | undefined {
    if (n > this.total) return undefined;
    return this.gather(n, true);
  }

  private gather(n: number, consume: boolean): Buffer {
    const parts: Buffer[] = [];
    let needed = n;
    let index = 0;
    while (needed > 0) {
      const chunk = this.chunks[index];
      if (chunk === undefined) throw new Error("ByteQueue underflow");
      const part = chunk.length > needed ? chunk.subarray(0, needed) : chunk;
      parts.push(part);
      needed -= part.length;
      if (consume && part.length < chunk.length) {
        // Only the last chunk touched can be partly consumed: keep its tail in place.
        this.chunks[index] = chunk.subarray(part.length);
      } else {
        index += 1;
      }
    }
    if (consume) {
      this.chunks.splice(0, index);
      this.total -= n;
    }
    const only = parts[0];
    return parts.length === 1 && only !== undefined ? only : Buffer.concat(parts, n);
  }
}
