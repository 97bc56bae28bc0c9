import {
  emptyVillageRegister,
  mergesOf,
  villageNameOn,
  villageStandingOn,
  withVillageEvent,
  type VillageEvent,
} from './village-register';

const fold = (events: VillageEvent[]) => events.reduce(withVillageEvent, emptyVillageRegister());
const register = fold([
  { type: 'VillageRegistered', data: { villageCode: 'thon-1', name: 'Thôn 1', effectiveDate: '2025-07-01' } },
  { type: 'VillageRegistered', data: { villageCode: 'thon-2', name: 'Thôn 2', effectiveDate: '2025-07-01' } },
  {
    type: 'VillageRegistered',
    data: { villageCode: 'thon-moi', name: 'Thôn Mới', effectiveDate: '2026-01-01' },
  },
  {
    type: 'VillageRenamed',
    data: { villageCode: 'thon-1', name: 'Thôn Đoàn Kết', effectiveDate: '2025-10-01' },
  },
  {
    type: 'VillageRetired',
    data: {
      villageCode: 'thon-1',
      successors: ['thon-moi'],
      effectiveDate: '2026-01-01',
      reason: 'sáp nhập',
    },
  },
  {
    type: 'VillageRetired',
    data: {
      villageCode: 'thon-2',
      successors: ['thon-moi'],
      effectiveDate: '2026-01-01',
      reason: 'sáp nhập',
    },
  },
]);

describe('a commune’s village register', () => {
  it('names a village by the name in effect on the day', () => {
    expect(villageNameOn(register.get('thon-1')!, '2025-09-30')).toBe('Thôn 1');
    expect(villageNameOn(register.get('thon-1')!, '2025-10-01')).toBe('Thôn Đoàn Kết');
  });

  it('lets a write name a village only while it exists', () => {
    expect(villageStandingOn(register.get('thon-1'), '2025-12-31')).toEqual({
      status: 'open',
      name: 'Thôn Đoàn Kết',
    });
    expect(villageStandingOn(register.get('thon-1'), '2026-01-01')).toEqual({
      status: 'retired',
      on: '2026-01-01',
      successors: ['thon-moi'],
    });
    expect(villageStandingOn(register.get('thon-moi'), '2025-12-31')).toEqual({
      status: 'not-yet',
      since: '2026-01-01',
    });
    expect(villageStandingOn(register.get('thon-9'), '2026-01-01')).toEqual({ status: 'unknown' });
  });

  it('follows a merger to the village that took it over, and a split to none', () => {
    expect(mergesOf(register, 'thon-2')).toEqual([{ into: 'thon-moi', on: '2026-01-01' }]);
    const split = withVillageEvent(register, {
      type: 'VillageRetired',
      data: {
        villageCode: 'thon-moi',
        successors: ['thon-1', 'thon-2'],
        effectiveDate: '2027-01-01',
        reason: 'chia tách',
      },
    });
    expect(mergesOf(split, 'thon-2')).toEqual([{ into: 'thon-moi', on: '2026-01-01' }]);
    expect(mergesOf(split, 'thon-moi')).toEqual([]);
  });
});
