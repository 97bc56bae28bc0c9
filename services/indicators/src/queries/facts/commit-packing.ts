import type { RawCommit } from '@cnscd/event-store';

/** Per commit: position (float64), recorded-at ms (float64), subject bytes (uint32), data bytes (uint32). */
const HEADER = 24;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Commits packed one after another in one buffer, which a worker thread takes over without a copy. */
export interface PackedCommits {
  readonly buffer: ArrayBuffer;
  /** Bytes used in `buffer`. */
  readonly length: number;
  readonly count: number;
}

/**
 * Packs stored commits for a worker thread of the parallel rebuild (decision 0014): their bytes copied
 * once into a buffer that `postMessage` transfers, instead of a structured clone of every commit.
 */
export class CommitPacker {
  private bytes: Uint8Array;
  private view: DataView;
  private length = 0;
  count = 0;

  constructor(private capacity = 64 * 1024) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  add(commit: RawCommit): void {
    const need = this.length + HEADER + commit.subject.length * 3 + commit.data.length;
    if (need > this.bytes.length) this.grow(need);
    const at = this.length;
    const subject = encoder.encodeInto(commit.subject, this.bytes.subarray(at + HEADER)).written;
    this.view.setFloat64(at, commit.position);
    this.view.setFloat64(at + 8, commit.recordedAtMs);
    this.view.setUint32(at + 16, subject);
    this.view.setUint32(at + 20, commit.data.length);
    this.bytes.set(commit.data, at + HEADER + subject);
    this.length = at + HEADER + subject + commit.data.length;
    this.count += 1;
  }

  /** What is packed, handed over; the packer starts again on a fresh buffer of the size this one needed. */
  take(): PackedCommits {
    const packed = { buffer: this.bytes.buffer as ArrayBuffer, length: this.length, count: this.count };
    this.capacity = Math.max(this.capacity, this.length);
    this.bytes = new Uint8Array(this.capacity);
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
    this.count = 0;
    return packed;
  }

  private grow(need: number): void {
    const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** The commits `CommitPacker` packed, in order; each commit's data is a view into the buffer. */
export function unpackCommits({ buffer, length }: Pick<PackedCommits, 'buffer' | 'length'>): RawCommit[] {
  const bytes = new Uint8Array(buffer, 0, length);
  const view = new DataView(buffer, 0, length);
  const commits: RawCommit[] = [];
  for (let at = 0; at < length;) {
    const subjectBytes = view.getUint32(at + 16);
    const dataBytes = view.getUint32(at + 20);
    const subjectAt = at + HEADER;
    commits.push({
      position: view.getFloat64(at),
      recordedAtMs: view.getFloat64(at + 8),
      subject: decoder.decode(bytes.subarray(subjectAt, subjectAt + subjectBytes)),
      data: bytes.subarray(subjectAt + subjectBytes, subjectAt + subjectBytes + dataBytes),
    });
    at = subjectAt + subjectBytes + dataBytes;
  }
  return commits;
}

/**
 * Which of `parts` workers reads a commit: by its commune (the subject's token after the prefix), so
 * that one worker sees every event of a commune, in stream order — all a commune's facts and count
 * changes depend on (residents and merchants belong to one commune).
 */
export function partitionOf(subject: string, prefixLength: number, parts: number): number {
  const start = prefixLength + 1;
  let end = subject.indexOf('.', start);
  if (end < 0) end = subject.length;
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + subject.charCodeAt(i)) | 0;
  return (hash >>> 0) % parts;
}
