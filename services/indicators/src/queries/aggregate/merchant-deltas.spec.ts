import type { MerchantFacts } from '../engine/facts';
import { merchantChanges } from './merchant-deltas';

const opened: MerchantFacts = {
  status: [{ from: '2025-02-01', seq: 100, open: true, village: 'thon-1' }],
  onboardings: {},
};
const step = (on: string, seq: number, stage: string) => ({ on, seq, stage });
const bySeq = (m: MerchantFacts, seq: number) =>
  merchantChanges(m, seq).map((c) => `${c.level} ${c.village} ${c.day} ${c.delta > 0 ? '+' : ''}${c.delta}`);

describe('the count changes a merchant’s new facts make', () => {
  it('counts an opened merchant among the open ones of its village from its opening day', () => {
    expect(bySeq(opened, 100)).toEqual(['open thon-1 2025-02-01 +1']);
  });

  it('counts a verified QR code from its day at its level and below, and a closing ends every count', () => {
    const verified = { ...opened, onboardings: { agribank: [step('2025-03-10', 200, 'qr-verified')] } };
    expect(bySeq(verified, 200)).toEqual(['qr-verified thon-1 2025-03-10 +1']);
    const closed = {
      ...verified,
      status: [...verified.status, { from: '2025-09-01', seq: 300, open: false }],
    };
    expect(bySeq(closed, 300).sort()).toEqual([
      'open thon-1 2025-09-01 -1',
      'qr-verified thon-1 2025-09-01 -1',
    ]);
  });

  it('counts a merchant onboarded by two banks once', () => {
    const one = { ...opened, onboardings: { agribank: [step('2025-03-10', 200, 'qr-verified')] } };
    const two = {
      ...one,
      onboardings: { ...one.onboardings, vietinbank: [step('2025-04-01', 300, 'qr-verified')] },
    };
    expect(bySeq(two, 300)).toEqual([]);
  });

  it('moves every count to the new village from the move’s effective day', () => {
    const verified = { ...opened, onboardings: { agribank: [step('2025-03-10', 200, 'qr-verified')] } };
    const moved = {
      ...verified,
      status: [...verified.status, { from: '2025-06-01', seq: 300, village: 'thon-2' }],
    };
    expect(bySeq(moved, 300).sort()).toEqual([
      'open thon-1 2025-06-01 -1',
      'open thon-2 2025-06-01 +1',
      'qr-verified thon-1 2025-06-01 -1',
      'qr-verified thon-2 2025-06-01 +1',
    ]);
  });
});
