import { grown } from './typed-arrays';

const encoder = new TextEncoder();

/**
 * A map from (group, string key) to a number, held in typed arrays only: the keys' UTF-8 bytes in one
 * growing arena, an open-addressing table (linear probing, at most half full) of entry numbers. The
 * rebuild keeps one entry per resident of the province — millions — and a V8 `Map` of strings would
 * put each key on the heap, where every full collection marks it again: 558 MiB of keys slowed the
 * reading by 40%, 146 MiB (1.2 million residents) not measurably (docs/benchmarks.md, the province).
 * A typed array's contents are not on the heap, so the heap stays flat in the number of residents.
 * About 90 bytes per key of 64 ASCII characters, up to twice that after a doubling. Lookups cost what a
 * `Map`'s do (a few cache misses).
 */
export class KeySlots {
  /** Entry numbers plus one: 0 is an empty place. */
  private table = new Int32Array(1024);
  private entries = 0;
  private hashes = new Int32Array(512);
  private groups = new Int32Array(512);
  private values = new Int32Array(512);
  /** Entry `e`'s key is `arena[starts[e]]` up to `arena[starts[e + 1]]`. */
  private starts = new Int32Array(513);
  private arena = new Uint8Array(1 << 16);
  /** The key being looked up, encoded. */
  private scratch = new Uint8Array(256);
  private length = 0;

  get size(): number {
    return this.entries;
  }

  /** The number set for `key` in `group`, or -1 if none was. */
  get(group: number, key: string): number {
    const entry = this.table[this.position(group, this.encode(group, key))]! - 1;
    return entry < 0 ? -1 : this.values[entry]!;
  }

  /** Sets the number for `key` in `group` (a group is a small non-negative integer, e.g. a commune's index). */
  set(group: number, key: string, value: number): void {
    const hash = this.encode(group, key);
    const at = this.position(group, hash);
    const found = this.table[at]! - 1;
    if (found >= 0) {
      this.values[found] = value;
      return;
    }
    if (this.entries === this.values.length) this.growEntries();
    const entry = this.entries++;
    this.hashes[entry] = hash;
    this.groups[entry] = group;
    this.values[entry] = value;
    this.store(entry);
    this.table[at] = entry + 1;
    if (this.entries * 2 > this.table.length) this.growTable();
  }

  /** Encodes `key` into `scratch` and answers its hash (FNV-1a over the group and the bytes). */
  private encode(group: number, key: string): number {
    if (this.scratch.length < key.length * 3) this.scratch = new Uint8Array(key.length * 3);
    this.length = encoder.encodeInto(key, this.scratch).written;
    let hash = Math.imul(0x811c9dc5 ^ group, 0x01000193);
    for (let i = 0; i < this.length; i++) hash = Math.imul(hash ^ this.scratch[i]!, 0x01000193);
    return hash | 0;
  }

  /** Where the scratch key is in the table, or the empty place where it would go. */
  private position(group: number, hash: number): number {
    const mask = this.table.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const entry = this.table[at]! - 1;
      if (entry < 0) return at;
      if (this.hashes[entry] === hash && this.groups[entry] === group && this.holdsScratch(entry)) return at;
    }
  }

  private holdsScratch(entry: number): boolean {
    const start = this.starts[entry]!;
    if (this.starts[entry + 1]! - start !== this.length) return false;
    for (let i = 0; i < this.length; i++) if (this.arena[start + i] !== this.scratch[i]) return false;
    return true;
  }

  private store(entry: number): void {
    const start = this.starts[entry]!;
    if (start + this.length > this.arena.length)
      this.arena = grown(this.arena, Math.max(this.arena.length * 2, start + this.length));
    this.arena.set(this.scratch.subarray(0, this.length), start);
    this.starts[entry + 1] = start + this.length;
  }

  private growEntries(): void {
    const capacity = this.values.length * 2;
    this.hashes = grown(this.hashes, capacity);
    this.groups = grown(this.groups, capacity);
    this.values = grown(this.values, capacity);
    this.starts = grown(this.starts, capacity + 1);
  }

  /** Doubles the table and places every entry again by its stored hash. */
  private growTable(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let entry = 0; entry < this.entries; entry++) {
      let at = this.hashes[entry]! & mask;
      while (table[at] !== 0) at = (at + 1) & mask;
      table[at] = entry + 1;
    }
    this.table = table;
  }
}
