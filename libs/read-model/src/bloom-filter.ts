/**
 * A Bloom filter of strings: `mightHold` is false only for a string never added; true may be wrong
 * (about 1% of the time at capacity). Lets the command-id index answer "never used" — nearly every
 * command — without asking the database.
 */
export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly size: number;
  private readonly hashes: number;
  private count = 0;

  /** Sized for `capacity` strings at a 1% false-positive rate (9.6 bits and 7 hashes per string). */
  constructor(readonly capacity: number) {
    this.size = Math.max(1024, Math.ceil(capacity * 9.6));
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
    this.hashes = 7;
  }

  /** More distinct strings added than it was sized for: its false positives climb past 1%. */
  get full(): boolean {
    return this.count > this.capacity;
  }

  /**
   * Adds `text`. Counted only if it set a bit: the command-id index adds each id twice (when the command
   * is appended and when its projection writes the row), and counting both made the filter "full" at
   * half its capacity — and the index read its whole table again to build a bigger one (issue 17). A new
   * string that sets no bit is one the filter already answered wrongly for, so the count stays an
   * (under-)estimate of the distinct strings by at most the false-positive rate.
   */
  add(text: string): void {
    const [h1, h2] = twoHashes(text);
    let changed = 0;
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + i * h2) % this.size;
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      changed |= ~this.bits[word]! & mask;
      this.bits[word]! |= mask;
    }
    if (changed !== 0) this.count++;
  }

  /** Distinct strings added, as far as the filter can tell. */
  get added(): number {
    return this.count;
  }

  mightHold(text: string): boolean {
    const [h1, h2] = twoHashes(text);
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + i * h2) % this.size;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a hashes (different offsets), for double hashing. */
function twoHashes(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return [a >>> 0, (b | 1) >>> 0];
}
