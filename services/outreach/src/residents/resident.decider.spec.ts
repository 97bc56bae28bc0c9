// Long: one given/when/then sentence per rule of the resident decider, which takes nine commands;
// the sentences of one aggregate read best together.
import type { Actor } from '@cnscd/contracts';
import { fold } from '@cnscd/decider';
import { deciderSpec } from '@cnscd/testing';
import { DEFAULT_ADOPTION_POLICY } from './adoption-policy';
import { currentStage, residentDecider, type ResidentCommand, type ResidentEvent } from './resident.decider';

const spec = deciderSpec(residentDecider);
const KEY = 'a'.repeat(64);
const SEALED = { v: 1 as const, iv: 'AAAAAAAAAAAAAAAA', data: 'c2VhbGVk' };
const team: Actor = { organisationId: 'to-cnscd-thon-1', organisationKind: 'village-team' };
const police: Actor = { organisationId: 'cong-an-xa', organisationKind: 'commune-police' };
const bank: Actor = { organisationId: 'agribank-di-linh', organisationKind: 'bank' };
const office: Actor = { organisationId: 'phong-vhxh', organisationKind: 'culture-society-office' };

const register = (
  overrides: Partial<Extract<ResidentCommand, { type: 'RegisterResident' }>> = {},
): ResidentCommand => ({
  type: 'RegisterResident',
  residentKey: KEY,
  villageCode: 'thon-1',
  birthYear: 1990,
  identification: 'citizen-id',
  consent: true,
  contactGiven: false,
  personal: SEALED,
  currentYear: 2026,
  ...overrides,
});
const registered: ResidentEvent = {
  type: 'ResidentRegistered',
  data: {
    residentKey: KEY,
    villageCode: 'thon-1',
    birthYear: 1990,
    identification: 'citizen-id',
    consent: true,
    personal: SEALED,
  },
};
const DAY = '2026-03-02T08:30:00+07:00';
const confirm = (
  by: typeof team,
  indicator: 'vneid' | 'payment-account' | 'digital-signature',
  stage: 'guided' | 'installed' | 'active',
  occurredAt = DAY,
): ResidentCommand => ({
  type: 'ConfirmAdoption',
  residentKey: KEY,
  indicator,
  stage,
  evidence: 'verified-on-device',
  by,
  policy: DEFAULT_ADOPTION_POLICY,
  occurredAt,
});
const confirmed = (
  by: typeof team,
  indicator: 'vneid' | 'payment-account' | 'digital-signature',
  stage: 'guided' | 'installed' | 'active',
  occurredAt = DAY,
): ResidentEvent => ({
  type: 'AdoptionStageConfirmed',
  data: { residentKey: KEY, indicator, stage, evidence: 'verified-on-device', ...by },
  occurredAt,
});
const retract = (stage: 'installed' | 'active', by = office): ResidentCommand => ({
  type: 'RetractAdoption',
  residentKey: KEY,
  indicator: 'vneid',
  stage,
  reason: 'entered-in-error',
  note: null,
  by,
  policy: DEFAULT_ADOPTION_POLICY,
});
const retracted = (stage: 'installed' | 'active', by = office): ResidentEvent => ({
  type: 'AdoptionConfirmationRetracted',
  data: {
    residentKey: KEY,
    indicator: 'vneid',
    stage,
    reason: 'entered-in-error',
    note: null,
    organisationId: by.organisationId,
  },
});
const stageAfter = (events: ResidentEvent[]) => currentStage(fold(residentDecider, events), 'vneid');

describe('registering a resident', () => {
  it('records the pseudonymous key, village, birth year and sealed details when the resident consents', () => {
    spec.given([]).when(register()).then([registered]);
  });

  it('reaches the same resident when a second organisation records the same person: nothing new', () => {
    spec
      .given([registered])
      .when(register({ villageCode: 'thon-2' }))
      .then([]);
  });

  it('keeps no personal details without consent', () => {
    spec
      .given([])
      .when(register({ consent: false }))
      .thenRejects('ConsentRequired', 'consent');
    spec
      .given([])
      .when(register({ consent: false, personal: null }))
      .then([
        { type: 'ResidentRegistered', data: { ...registered.data, consent: false, personal: null } as never },
      ]);
  });

  it('keeps no name or phone number offered without consent, even before they are sealed', () => {
    spec
      .given([])
      .when(register({ consent: false, personal: null, contactGiven: true }))
      .thenRejects('ConsentRequired', 'consent');
  });

  it('refuses a stated birth year that the citizen ID number contradicts, whatever the history', () => {
    spec
      .given([])
      .when(register({ statedBirthYear: 1991 }))
      .thenRejects('BirthYearMismatch', 'birthYear');
    spec
      .given([registered])
      .when(register({ statedBirthYear: 1991 }))
      .thenRejects('BirthYearMismatch', 'birthYear');
    spec
      .given([])
      .when(register({ statedBirthYear: 1990 }))
      .then([registered]);
  });

  it('takes the stated birth year of a resident without a citizen ID as it is', () => {
    spec
      .given([])
      .when(register({ identification: 'generated', birthYear: 2015, statedBirthYear: 1990 }))
      .then([
        {
          type: 'ResidentRegistered',
          data: { ...registered.data, identification: 'generated', birthYear: 2015 },
        } as never,
      ]);
  });

  it('refuses a birth year in the future', () => {
    spec
      .given([])
      .when(register({ birthYear: 2031 }))
      .thenRejects('BirthYearOutOfRange', 'birthYear');
  });
});

describe('confirming adoption', () => {
  it('counts the same person once when two organisations confirm the same stage', () => {
    const first = confirmed(team, 'vneid', 'installed');
    spec
      .given([registered])
      .when(confirm(team, 'vneid', 'installed'))
      .then([first]);
    spec
      .given([registered, first])
      .when(confirm(police, 'vneid', 'installed'))
      .then([]);
  });

  it('accepts a lower stage after a higher one and changes nothing', () => {
    spec
      .given([registered, confirmed(police, 'vneid', 'active')])
      .when(confirm(team, 'vneid', 'guided'))
      .then([]);
  });

  describe('when confirmations arrive out of the order they happened (a backlog, an offline phone)', () => {
    const JUNE = '2025-06-01T09:00:00+07:00';
    const MARCH = '2025-03-01T09:00:00+07:00';

    it('records a lower stage that happened before the higher one already recorded, so it counts from its own day', () => {
      spec
        .given([registered, confirmed(team, 'digital-signature', 'active', JUNE)])
        .when(confirm(team, 'digital-signature', 'installed', MARCH))
        .then([confirmed(team, 'digital-signature', 'installed', MARCH)]);
    });

    it('changes nothing for a lower stage that happened after the higher one', () => {
      spec
        .given([registered, confirmed(team, 'digital-signature', 'active', MARCH)])
        .when(confirm(team, 'digital-signature', 'installed', JUNE))
        .then([]);
    });

    it('changes nothing for the same stage confirmed again for a later day, and records it for an earlier one', () => {
      const june = confirmed(team, 'digital-signature', 'installed', JUNE);
      spec
        .given([registered, june])
        .when(confirm(team, 'digital-signature', 'installed', JUNE))
        .then([]);
      spec
        .given([registered, june])
        .when(confirm(team, 'digital-signature', 'installed', MARCH))
        .then([confirmed(team, 'digital-signature', 'installed', MARCH)]);
    });

    it('judges by the day in Vietnam: a higher stage the same day already covers a lower one', () => {
      spec
        .given([registered, confirmed(team, 'digital-signature', 'active', '2025-03-01T23:30:00+07:00')])
        .when(confirm(team, 'digital-signature', 'installed', '2025-03-01T01:00:00Z'))
        .then([]);
    });
  });

  it('moves on to a higher stage confirmed by an organisation allowed to confirm it', () => {
    spec
      .given([registered, confirmed(team, 'vneid', 'installed')])
      .when(confirm(police, 'vneid', 'active'))
      .then([confirmed(police, 'vneid', 'active')]);
  });

  it('refuses VNeID activation confirmed by anyone but the commune police, saying who confirms it', () => {
    spec
      .given([registered])
      .when(confirm(team, 'vneid', 'active'))
      .thenRejects('ConfirmationNotPermitted', 'stage');
    expect(
      residentDecider.decide(confirm(team, 'vneid', 'active'), fold(residentDecider, [registered])),
    ).toMatchObject({
      message: {
        vi: expect.stringContaining('chỉ Công an xã xác nhận'),
        en: expect.stringContaining('only Commune police may'),
      },
    });
  });

  it('refuses a payment account confirmed by anyone but a bank or payment provider', () => {
    spec
      .given([registered])
      .when(confirm(team, 'payment-account', 'installed'))
      .thenRejects('ConfirmationNotPermitted');
    spec
      .given([registered])
      .when(confirm(bank, 'payment-account', 'active'))
      .then([confirmed(bank, 'payment-account', 'active')]);
  });

  it('refuses a confirmation for a resident nobody registered', () => {
    spec
      .given([])
      .when(confirm(police, 'vneid', 'active'))
      .thenRejects('ResidentNotRegistered');
  });
});

describe('retracting a confirmation', () => {
  const history = [registered, confirmed(team, 'vneid', 'installed'), confirmed(police, 'vneid', 'active')];

  it('after two confirmations, falls back to the stage still confirmed, keeping the history', () => {
    spec
      .given(history)
      .when(retract('active'))
      .then([retracted('active')]);
    expect(stageAfter([...history, retracted('active')])).toBe('installed');
    expect(stageAfter([...history, retracted('active'), retracted('installed')])).toBeNull();
  });

  it('refuses to retract a stage that has no confirmation', () => {
    spec
      .given([...history, retracted('active')])
      .when(retract('active'))
      .thenRejects('NothingToRetract', 'stage');
  });

  it('lets the confirming kind of organisation or the programme office retract, nobody else', () => {
    spec
      .given(history)
      .when(retract('active', police))
      .then([retracted('active', police)]);
    spec.given(history).when(retract('active', team)).thenRejects('ConfirmationNotPermitted');
  });
});

describe('moving between villages', () => {
  it('records where the resident counts from the move date on', () => {
    spec
      .given([registered])
      .when({
        type: 'MoveResident',
        residentKey: KEY,
        toVillage: 'thon-2',
        effectiveDate: '2026-04-01',
        personal: null,
      })
      .then([
        {
          type: 'ResidentMoved',
          data: {
            residentKey: KEY,
            fromVillage: 'thon-1',
            toVillage: 'thon-2',
            effectiveDate: '2026-04-01',
            personal: null,
          },
        },
      ]);
  });

  it('refuses a move to the village the resident already lives in', () => {
    spec
      .given([registered])
      .when({
        type: 'MoveResident',
        residentKey: KEY,
        toVillage: 'thon-1',
        effectiveDate: '2026-04-01',
        personal: null,
      })
      .thenRejects('AlreadyInVillage', 'toVillage');
  });
});

describe('consent and erasure', () => {
  it('withdraws consent once, and then refuses new personal details', () => {
    const withdrawn: ResidentEvent = { type: 'ResidentConsentWithdrawn', data: { residentKey: KEY } };
    spec.given([registered]).when({ type: 'WithdrawConsent', residentKey: KEY }).then([withdrawn]);
    spec.given([registered, withdrawn]).when({ type: 'WithdrawConsent', residentKey: KEY }).then([]);
    spec
      .given([registered, withdrawn])
      .when({ type: 'RecordPersonalDetails', residentKey: KEY, personal: SEALED })
      .thenRejects('ConsentRequired');
  });

  it('erases a resident once; afterwards nothing more can be recorded, and adoption stays counted', () => {
    const erasedEvent: ResidentEvent = {
      type: 'ResidentErased',
      data: { residentKey: KEY, reason: 'resident-request' },
    };
    const history = [registered, confirmed(police, 'vneid', 'active')];
    spec
      .given(history)
      .when({ type: 'EraseResident', residentKey: KEY, reason: 'resident-request' })
      .then([erasedEvent]);
    spec
      .given([...history, erasedEvent])
      .when({ type: 'EraseResident', residentKey: KEY, reason: 'resident-request' })
      .then([]);
    spec
      .given([...history, erasedEvent])
      .when(confirm(police, 'vneid', 'active'))
      .thenRejects('ResidentErased');
    spec
      .given([...history, erasedEvent])
      .when(register())
      .thenRejects('ResidentErased');
    expect(stageAfter([...history, erasedEvent])).toBe('active');
  });
});
