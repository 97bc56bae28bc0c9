import type { Principal } from '../auth/principal';
import { ForbiddenError } from '../errors';
import { streamCommune } from './stream-commune';

const department = { commune: '99002', organisationKind: 'province-department' } as Principal;
const naming = (scope: string) => ({ scope, commune: (i: { commune: string }) => i.commune });

describe('the commune a write goes to', () => {
  it('is the caller’s own unless the write names one', () => {
    expect(streamCommune({ scope: 'outreach:visits:write' }, { commune: '99001' }, department)).toBe('99002');
  });

  it('is the commune the input names under a scope that reaches every commune', () => {
    expect(streamCommune(naming('indicators:review'), { commune: '99001' }, department)).toBe('99001');
  });

  it('is never another commune under a scope confined to the caller’s own', () => {
    expect(() => streamCommune(naming('indicators:reports'), { commune: '99001' }, department)).toThrow(
      ForbiddenError,
    );
    expect(streamCommune(naming('indicators:reports'), { commune: '99002' }, department)).toBe('99002');
  });
});
