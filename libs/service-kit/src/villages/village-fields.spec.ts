import { z } from 'zod';
import { FormerVillageCode, VillageCode } from '@cnscd/contracts';
import { villageFieldsIn } from './village-fields';

describe('finding the villages a request names', () => {
  const schema = z
    .strictObject({
      villageCode: VillageCode,
      move: z.object({ fromVillage: FormerVillageCode, toVillage: VillageCode.nullable() }).optional(),
      villageCodes: z.array(VillageCode).min(1),
      note: z.string(),
    })
    .meta({ id: 'SomeRequest' });

  it('finds every field whose schema is a registered village, however deep, by its JSON pointer path, former villages marked', () => {
    const fields = villageFieldsIn(schema, {
      villageCode: 'thon-1',
      move: { fromVillage: 'thon-2', toVillage: null },
      villageCodes: ['thon-3', 'thon-4'],
      note: 'thon-5',
    });
    expect(fields).toEqual([
      { path: ['villageCode'], code: 'thon-1', ever: false },
      { path: ['move', 'fromVillage'], code: 'thon-2', ever: true },
      { path: ['villageCodes', 0], code: 'thon-3', ever: false },
      { path: ['villageCodes', 1], code: 'thon-4', ever: false },
    ]);
  });

  it('leaves a malformed code to the schema, and a field marked otherwise alone', () => {
    const own = z.object({
      villageCode: VillageCode.meta({ 'x-registered': 'decided-by-the-register' }),
      successors: z.array(VillageCode),
    });
    expect(villageFieldsIn(own, { villageCode: 'thon-new', successors: ['Thôn 1', 42, 'thon-2'] })).toEqual([
      { path: ['successors', 2], code: 'thon-2', ever: false },
    ]);
  });

  it('finds a field that several options of a union share once, and the fields of both sides of an intersection', () => {
    const union = z.union([
      z.object({ kind: z.literal('move'), villageCode: VillageCode, toVillage: VillageCode }),
      z.object({ kind: z.literal('stay'), villageCode: VillageCode }),
    ]);
    const both = z.intersection(z.object({ a: VillageCode }), z.object({ b: FormerVillageCode.optional() }));
    const request = z.object({ change: union, pair: both, text: z.string().transform((t) => t.trim()) });
    expect(
      villageFieldsIn(request, {
        change: { kind: 'move', villageCode: 'thon-1', toVillage: 'thon-2' },
        pair: { a: 'thon-3', b: 'thon-4' },
        text: 'thon-5',
      }),
    ).toEqual([
      { path: ['change', 'villageCode'], code: 'thon-1', ever: false },
      { path: ['change', 'toVillage'], code: 'thon-2', ever: false },
      { path: ['pair', 'a'], code: 'thon-3', ever: false },
      { path: ['pair', 'b'], code: 'thon-4', ever: true },
    ]);
  });

  it('answers each request by its own values, the same schema asked again', () => {
    expect(villageFieldsIn(schema, { villageCode: 'thon-7', villageCodes: [], note: '' })).toEqual([
      { path: ['villageCode'], code: 'thon-7', ever: false },
    ]);
    expect(villageFieldsIn(schema, { villageCodes: ['thon-8'], note: '' })).toEqual([
      { path: ['villageCodes', 0], code: 'thon-8', ever: false },
    ]);
  });
});
