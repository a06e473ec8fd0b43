// Accumulates report text. Lines are joined into chunks every few thousand pushes, so the many
// small strings of a big report die young instead of all surviving (and being copied by the GC)
// until the final join.
export class OutputBuffer {
  private readonly chunks: string[] = [];
  private pending: string[] = [];

  push(s: string): void {
    this.pending.push(s);
    if (this.pending.length >= 4096) {
      this.chunks.push(this.pending.join(''));
      this.pending = [];
    }
  }

  toString(): string {
    if (this.pending.length > 0) {
      this.chunks.push(this.pending.join(''));
      this.pending = [];
    }
    return this.chunks.join('');
  }
}
