import type { Actor } from '@cnscd/contracts';
import { fold } from '@cnscd/decider';
import { deciderSpec } from '@cnscd/testing';
import { DEFAULT_CRITERIA, assessPlace, countPlace, type MerchantOnPlace } from './cashless-evaluation';
import { placeDecider, type PlaceEvent } from './place.decider';

const spec = deciderSpec(placeDecider);
const STREET = '6f1c1f4e-3d0a-4a4b-9a57-0c6f3f2b9c11';
const registered: PlaceEvent = {
  type: 'StreetRegistered',
  data: { streetId: STREET, name: 'Đường Hùng Vương', villageCodes: ['thon-1'] },
};
const office: Actor = { organisationId: 'ubnd-xa', organisationKind: 'peoples-committee' };
const merchants = (open: number, verified: number, closedVerified = 0): MerchantOnPlace[] => [
  ...Array.from({ length: open }, (_, i) => ({
    open: true,
    bestStage: i < verified ? 'qr-verified' : 'qr-issued',
  })),
  ...Array.from({ length: closedVerified }, () => ({ open: false, bestStage: 'active' })),
];

/** What the evaluator does for one street: count, assess, and record the outcome. */
function evaluate(history: PlaceEvent[], onStreet: MerchantOnPlace[]): PlaceEvent[] {
  const counts = countPlace(onStreet, DEFAULT_CRITERIA.countedStage);
  const { qualifies } = assessPlace('street', counts, null, DEFAULT_CRITERIA);
  const decision = placeDecider.decide(
    {
      type: 'RecordEvaluation',
      placeId: STREET,
      qualifies,
      evaluation: { ...counts, cashlessFees: null, criteriaPosition: 0 },
    },
    fold(placeDecider, history),
  );
  if (!Array.isArray(decision)) throw new Error('rejected');
  return [...history, ...decision];
}

describe('judging a street against the criteria (80% of at least 5 open merchants)', () => {
  it('qualifies when it crosses the threshold, and stops qualifying when it drops back', () => {
    let history = evaluate([registered], merchants(6, 4));
    expect(history.map((e) => e.type)).toEqual(['StreetRegistered']);
    history = evaluate(history, merchants(6, 5));
    expect(history.at(-1)).toMatchObject({
      type: 'PlaceQualified',
      data: { evaluation: { openMerchants: 6, verifiedMerchants: 5 } },
    });
    history = evaluate(history, merchants(6, 5));
    expect(history).toHaveLength(2);
    history = evaluate(history, merchants(7, 5));
    expect(history.at(-1)).toMatchObject({
      type: 'PlaceStoppedQualifying',
      data: { evaluation: { openMerchants: 7 } },
    });
  });

  it('does not count a closed merchant, even one with a verified QR code', () => {
    expect(countPlace(merchants(4, 3, 2), 'qr-verified')).toEqual({ openMerchants: 4, verifiedMerchants: 3 });
  });

  it('says how many more verified merchants, or open merchants, a place needs', () => {
    expect(
      assessPlace('street', { openMerchants: 10, verifiedMerchants: 6 }, null, DEFAULT_CRITERIA),
    ).toEqual({ qualifies: false, neededVerified: 2, neededOpen: 0, feesMissing: false });
    expect(
      assessPlace('street', { openMerchants: 3, verifiedMerchants: 3 }, null, DEFAULT_CRITERIA),
    ).toMatchObject({ qualifies: false, neededOpen: 2, neededVerified: 1 });
  });

  it('asks a market to collect its fees without cash as well, when the commune requires it', () => {
    expect(
      assessPlace('market', { openMerchants: 10, verifiedMerchants: 10 }, false, DEFAULT_CRITERIA),
    ).toMatchObject({ qualifies: false, feesMissing: true });
    expect(
      assessPlace('market', { openMerchants: 10, verifiedMerchants: 10 }, true, DEFAULT_CRITERIA),
    ).toMatchObject({ qualifies: true });
  });
});

describe('designation by the commune', () => {
  const designated: PlaceEvent = {
    type: 'PlaceDesignated',
    data: { placeId: STREET, decisionNumber: '123/QĐ-UBND', decisionDate: '2026-05-01' },
  };

  it('is a separate decision, made by the commune only', () => {
    spec
      .given([registered])
      .when({
        type: 'DesignatePlace',
        placeId: STREET,
        decisionNumber: '123/QĐ-UBND',
        decisionDate: '2026-05-01',
        by: office,
      })
      .then([designated]);
    spec
      .given([registered])
      .when({
        type: 'DesignatePlace',
        placeId: STREET,
        decisionNumber: '1',
        decisionDate: '2026-05-01',
        by: { organisationId: 'agribank', organisationKind: 'bank' as const },
      })
      .thenRejects('NotPermitted');
  });

  it('is revoked by naming its decision', () => {
    spec
      .given([registered, designated])
      .when({
        type: 'RevokeDesignation',
        placeId: STREET,
        decisionNumber: '123/QĐ-UBND',
        revokedOn: '2026-09-01',
        by: office,
      })
      .then([
        {
          type: 'PlaceDesignationRevoked',
          data: { placeId: STREET, decisionNumber: '123/QĐ-UBND', revokedOn: '2026-09-01' },
        },
      ]);
    spec
      .given([registered])
      .when({
        type: 'RevokeDesignation',
        placeId: STREET,
        decisionNumber: 'x',
        revokedOn: '2026-09-01',
        by: office,
      })
      .thenRejects('NotDesignated');
  });
});
