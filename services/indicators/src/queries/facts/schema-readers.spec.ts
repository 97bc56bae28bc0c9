import { SchemaReaders } from './schema-readers';

/** A read that lasts until the test ends it. */
function openRead(readers: SchemaReaders, schema: string) {
  let end!: () => void;
  const done = readers.during(schema, () => new Promise<void>((resolve) => (end = resolve)));
  return { end: () => (end(), done) };
}

describe('the reads under way on a schema', () => {
  it('keep a schema busy until the last of them ends', async () => {
    const readers = new SchemaReaders();
    const first = openRead(readers, 'indicators_v1');
    const second = openRead(readers, 'indicators_v1');
    let idle = false;
    const waiting = readers.idle('indicators_v1', 5_000).then((v) => (idle = v));
    await first.end();
    await new Promise((r) => setTimeout(r, 60));
    expect(idle).toBe(false);
    await second.end();
    expect(await waiting).toBe(true);
  });

  it('do not keep another schema busy', async () => {
    const readers = new SchemaReaders();
    const read = openRead(readers, 'indicators_v1');
    expect(await readers.idle('indicators_v2', 0)).toBe(true);
    await read.end();
  });

  it('end even when the read fails, and give up waiting after the timeout', async () => {
    const readers = new SchemaReaders();
    await expect(
      readers.during('indicators_v1', () => Promise.reject(new Error('relation does not exist'))),
    ).rejects.toThrow('relation does not exist');
    expect(await readers.idle('indicators_v1', 0)).toBe(true);
    const stuck = openRead(readers, 'indicators_v1');
    expect(await readers.idle('indicators_v1', 50)).toBe(false);
    await stuck.end();
  });

  it('answer what the read answers', async () => {
    expect(await new SchemaReaders().during('indicators_v1', async () => 42)).toBe(42);
  });
});
