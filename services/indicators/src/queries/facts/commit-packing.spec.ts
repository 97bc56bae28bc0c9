import type { RawCommit } from '@cnscd/event-store';
import { CommitPacker, partitionOf, unpackCommits } from './commit-packing';

const bytes = (text: string) => new TextEncoder().encode(text);
const commit = (position: number, subject: string, body: string): RawCommit => ({
  subject,
  position,
  recordedAtMs: 1_764_000_000_000 + position,
  data: bytes(body),
});
const plain = (c: RawCommit) => ({ ...c, data: new TextDecoder().decode(c.data) });

describe('packing commits for a rebuild worker', () => {
  it('gives back every commit packed, in order, with its position, time, subject and bytes', () => {
    const packer = new CommitPacker();
    const commits = [
      commit(1, 'cnscd.evt.99001.outreach.visit.v-1', '{"events":[]}'),
      commit(2, 'cnscd.evt.99002.outreach.resident.r-1', '{"tên":"Nguyễn Văn Ánh"}'),
      commit(9_007_199_254_740_991, 'cnscd.evt.99001.indicators.settings.s', ''),
    ];
    for (const c of commits) packer.add(c);

    const packed = packer.take();

    expect(packed.count).toBe(3);
    expect(unpackCommits(packed).map(plain)).toEqual(commits.map(plain));
  });

  it('grows past its first buffer without losing what it holds', () => {
    const packer = new CommitPacker(64);
    const commits = Array.from({ length: 50 }, (_, i) =>
      commit(i + 1, `cnscd.evt.99001.outreach.visit.v-${i}`, 'x'.repeat(i * 10)),
    );
    for (const c of commits) packer.add(c);

    expect(unpackCommits(packer.take()).map(plain)).toEqual(commits.map(plain));
  });

  it('starts afresh after a take: the buffer handed over is not written again', () => {
    const packer = new CommitPacker();
    packer.add(commit(1, 'cnscd.evt.99001.outreach.visit.a', 'first'));
    const first = packer.take();
    packer.add(commit(2, 'cnscd.evt.99001.outreach.visit.b', 'second'));
    const second = packer.take();

    expect(unpackCommits(first).map(plain)).toEqual([
      plain(commit(1, 'cnscd.evt.99001.outreach.visit.a', 'first')),
    ]);
    expect(unpackCommits(second).map((c) => c.position)).toEqual([2]);
    expect(second.buffer).not.toBe(first.buffer);
  });
});

describe('which worker reads a commit', () => {
  const prefix = 'cnscd.evt'.length;

  it('is the same for every commit of a commune, whatever its aggregate', () => {
    const parts = [
      'cnscd.evt.99001.outreach.visit.v-1',
      'cnscd.evt.99001.outreach.resident.r-9',
      'cnscd.evt.99001.merchants.merchant.m-2',
      'cnscd.evt.99001.indicators.settings.s',
    ].map((s) => partitionOf(s, prefix, 3));

    expect(new Set(parts).size).toBe(1);
  });

  it('spreads a province of communes over every worker, none far above its share', () => {
    const counts = [0, 0, 0];
    for (let code = 10_000; code < 10_120; code++)
      counts[partitionOf(`cnscd.evt.${code}.outreach.visit.v`, prefix, 3)]! += 1;

    expect(Math.min(...counts)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...counts)).toBeLessThanOrEqual(50);
  });

  it('answers a worker in range for a subject outside the scheme (its worker parks it)', () => {
    expect(partitionOf('cnscd.evt', prefix, 2)).toBeLessThan(2);
    expect(partitionOf('elsewhere', prefix, 2)).toBeGreaterThanOrEqual(0);
  });
});
