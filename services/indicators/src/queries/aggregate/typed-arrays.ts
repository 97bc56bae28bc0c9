export type GrowableArray = Int16Array | Int32Array | Float64Array | Uint8Array;

/** A longer copy of `old` (the same kind), its new elements zero. */
export function grown<A extends GrowableArray>(old: A, length: number): A {
  const next = new (old.constructor as new (n: number) => A)(length);
  next.set(old);
  return next;
}

/** Strings that are few and repeat (communes, villages), each kept once under a small index. */
export class Interned {
  private readonly values: string[] = [];
  private readonly indices = new Map<string, number>();

  indexOf(value: string): number {
    let i = this.indices.get(value);
    if (i === undefined) this.indices.set(value, (i = this.values.push(value) - 1));
    return i;
  }

  valueAt(i: number): string | undefined {
    return this.values[i];
  }
}
