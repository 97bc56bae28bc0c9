/**
 * The reads under way on each schema. A read takes several statements; a rebuild's switch-over moves new
 * reads to the new schema at once but drops the old one only when `idle` says no read uses it any more,
 * so a read finishes on the schema it started on instead of failing half-way ("relation does not exist").
 */
export class SchemaReaders {
  private readonly reading = new Map<string, number>();

  async during<T>(schema: string, read: () => Promise<T>): Promise<T> {
    this.reading.set(schema, (this.reading.get(schema) ?? 0) + 1);
    try {
      return await read();
    } finally {
      const left = this.reading.get(schema)! - 1;
      if (left === 0) this.reading.delete(schema);
      else this.reading.set(schema, left);
    }
  }

  /** Resolves true once no read is under way on `schema`, or false after `timeoutMs`. */
  async idle(schema: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.reading.has(schema)) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }
}
