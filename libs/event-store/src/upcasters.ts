/** Turns the data of version `from` into the data of version `from + 1`. Pure. */
export type Upcaster = (data: unknown) => unknown;

/**
 * Schema changes are upcast on read (docs/mission/ARCHITECTURE.md §1): stored events are never rewritten.
 * Register one step per version; reading applies the chain up to the latest version.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const forType = this.steps.get(type) ?? new Map<number, Upcaster>();
    if (forType.has(fromVersion)) throw new Error(`Upcaster ${type} v${fromVersion} is registered twice`);
    forType.set(fromVersion, upcast);
    this.steps.set(type, forType);
    return this;
  }

  upcast(type: string, version: number, data: unknown): { version: number; data: unknown } {
    const forType = this.steps.get(type);
    if (!forType) return { version, data };
    let current = { version, data };
    for (let step = forType.get(current.version); step; step = forType.get(current.version)) {
      current = { version: current.version + 1, data: step(current.data) };
    }
    return current;
  }
}
