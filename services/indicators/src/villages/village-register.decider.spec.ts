import { fold } from '@cnscd/decider';
import { deciderSpec } from '@cnscd/testing';
import type { Actor, VillageEvent } from '@cnscd/contracts';
import { villageRegisterDecider, type VillageRegisterCommand } from './village-register.decider';

const spec = deciderSpec(villageRegisterDecider);
const office: Pick<Actor, 'organisationKind'> = { organisationKind: 'peoples-committee' };
const registered = (villageCode: string, name: string, effectiveDate = '2025-07-01'): VillageEvent => ({
  type: 'VillageRegistered',
  data: { villageCode, name, effectiveDate },
});
const register = (
  villageCode: string,
  name: string,
  effectiveDate = '2025-07-01',
): VillageRegisterCommand => ({
  type: 'RegisterVillage',
  villageCode,
  name,
  effectiveDate,
  by: office,
});
const retire = (
  villageCode: string,
  successors: string[],
  effectiveDate = '2026-01-01',
): VillageRegisterCommand => ({
  type: 'RetireVillage',
  villageCode,
  successors,
  effectiveDate,
  reason: 'Nghị quyết sáp nhập thôn',
  by: office,
});

describe('the commune’s list of villages', () => {
  it('registers a new village by its code and Vietnamese name', () => {
    spec
      .given([])
      .when(register('bon-bu-nor', 'Bon Bu Nor'))
      .then([registered('bon-bu-nor', 'Bon Bu Nor')]);
  });

  it('answers a repeated registration with nothing new, and refuses the same code for another village', () => {
    const history = [registered('thon-1', 'Thôn 1')];
    spec.given(history).when(register('thon-1', 'Thôn 1')).then([]);
    const answer = villageRegisterDecider.decide(
      register('thon-1', 'Thôn Một'),
      fold(villageRegisterDecider, history),
    );
    expect(answer).toMatchObject({
      code: 'VillageRegisteredDifferently',
      recorded: { villageCode: 'thon-1', name: 'Thôn 1', effectiveDate: '2025-07-01' },
    });
  });

  it('lets only the People’s Committee or the Culture–Society Office keep the list', () => {
    spec
      .given([])
      .when({ ...register('thon-1', 'Thôn 1'), by: { organisationKind: 'village-team' as const } })
      .thenRejects('NotPermitted');
  });

  it('renames a village from a day, but not before it existed and not one that is unknown', () => {
    const history = [registered('thon-1', 'Thôn 1')];
    const rename = (villageCode: string, effectiveDate: string): VillageRegisterCommand => ({
      type: 'RenameVillage',
      villageCode,
      name: 'Thôn Đoàn Kết',
      effectiveDate,
      by: office,
    });
    spec
      .given(history)
      .when(rename('thon-1', '2026-03-01'))
      .then([
        {
          type: 'VillageRenamed',
          data: { villageCode: 'thon-1', name: 'Thôn Đoàn Kết', effectiveDate: '2026-03-01' },
        },
      ]);
    spec
      .given(history)
      .when(rename('thon-1', '2025-01-01'))
      .thenRejects('BeforeVillageExisted', 'effectiveDate');
    spec.given(history).when(rename('thon-9', '2026-03-01')).thenRejects('UnknownVillage', 'villageCode');
  });

  it('merges a village into an existing one, and refuses a successor that is unknown, itself or gone', () => {
    const history = [
      registered('thon-1', 'Thôn 1'),
      registered('thon-2', 'Thôn 2'),
      registered('thon-3', 'Thôn 3'),
    ];
    spec
      .given(history)
      .when(retire('thon-2', ['thon-1']))
      .then([
        {
          type: 'VillageRetired',
          data: {
            villageCode: 'thon-2',
            successors: ['thon-1'],
            effectiveDate: '2026-01-01',
            reason: 'Nghị quyết sáp nhập thôn',
          },
        },
      ]);
    spec
      .given(history)
      .when(retire('thon-2', ['thon-1', 'thon-7']))
      .thenRejects('UnknownSuccessor', 'successors.1');
    spec
      .given(history)
      .when(retire('thon-2', ['thon-2']))
      .thenRejects('UnknownSuccessor', 'successors.0');
    const merged = [
      ...history,
      {
        type: 'VillageRetired',
        data: {
          villageCode: 'thon-3',
          successors: ['thon-1'],
          effectiveDate: '2026-01-01',
          reason: 'sáp nhập',
        },
      } as VillageEvent,
    ];
    spec
      .given(merged)
      .when(retire('thon-2', ['thon-3']))
      .thenRejects('UnknownSuccessor', 'successors.0');
  });

  it('does not rename or retire a village that no longer exists', () => {
    const gone: VillageEvent[] = [
      registered('thon-1', 'Thôn 1'),
      {
        type: 'VillageRetired',
        data: { villageCode: 'thon-1', successors: [], effectiveDate: '2026-01-01', reason: 'giải thể' },
      },
    ];
    spec.given(gone).when(retire('thon-1', [])).thenRejects('VillageRetired', 'villageCode');
  });
});
