import { UpcasterRegistry } from './upcasters';

describe('upcasting on read', () => {
  const registry = new UpcasterRegistry()
    .register('VisitLogged', 1, (d) => ({ ...(d as object), followUp: null }))
    .register('VisitLogged', 2, (d) => ({ ...(d as object), note: null }));

  it('applies every step from the stored version to the latest', () => {
    expect(registry.upcast('VisitLogged', 1, { visitId: 'v' })).toEqual({
      version: 3,
      data: { visitId: 'v', followUp: null, note: null },
    });
  });

  it('starts from the stored version, skipping steps already applied', () => {
    expect(registry.upcast('VisitLogged', 2, { visitId: 'v', followUp: null })).toEqual({
      version: 3,
      data: { visitId: 'v', followUp: null, note: null },
    });
  });

  it('leaves events of other types and current versions untouched', () => {
    const data = { x: 1 };
    expect(registry.upcast('Other', 1, data)).toEqual({ version: 1, data });
    expect(registry.upcast('VisitLogged', 3, data)).toEqual({ version: 3, data });
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => registry.register('VisitLogged', 1, (d) => d)).toThrow(/twice/);
  });
});
