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
});
