import type { z } from 'zod';
import {
  type IndicatorsEvents,
  type MerchantsEvents,
  ONBOARDING_STAGE_OF,
  type OutreachEvents,
  type TrainingEvents,
  type OnboardingData,
  type OnboardingEventType,
} from '@cnscd/contracts';
import type { RecordedEvent } from '@cnscd/event-store';
import type { FactsDatabase } from '../../infrastructure/read-model';

type Fact = {
  [T in keyof FactsDatabase]: { table: T; row: Record<string, unknown>; suffix?: string };
}[keyof FactsDatabase];

type Contracts = Record<string, { readonly schema: z.ZodType }>;
/**
 * One fold per published event type of a context: the facts it contributes, from its data and the
 * Vietnamese day it happened. The mapped type is the exhaustiveness check — a new event type in a
 * context's contract does not compile until it is given its facts or `none`.
 */
type FactFolds<C extends Contracts> = {
  readonly [T in keyof C]: (data: z.output<C[T]['schema']>, on: string, type: T) => Fact[];
};

/** The event moves no indicator. */
const none = (): Fact[] => [];

const outreach: FactFolds<typeof OutreachEvents> = {
  ResidentRegistered: (r, on) => [
    { table: 'f_residents', row: { resident_key: r.residentKey, birth_year: r.birthYear } },
    { table: 'f_residence', row: { resident_key: r.residentKey, village: r.villageCode, from_day: on } },
  ],
  ResidentMoved: (m) => [
    {
      table: 'f_residence',
      row: { resident_key: m.residentKey, village: m.toVillage, from_day: m.effectiveDate },
    },
  ],
  AdoptionStageConfirmed: (a, on) => [adoption(a, +1, on)],
  AdoptionConfirmationRetracted: (a, on) => [adoption(a, -1, on)],
  VisitLogged: (v, on) => [
    {
      table: 'f_work',
      row: { village: v.villageCode, kind: 'visit', on_day: on, people: v.residentsGuided.length },
    },
  ],
  HouseholdRegistered: none,
  ResidentConsentGiven: none,
  ResidentConsentWithdrawn: none,
  ResidentPersonalDetailsRecorded: none,
  // Erasure keeps the counts (the resident was reached); only the sealed details go.
  ResidentErased: none,
};

function adoption(
  a: { residentKey: string; indicator: string; stage: string },
  delta: 1 | -1,
  on: string,
): Fact {
  const row = { resident_key: a.residentKey, indicator: a.indicator, stage: a.stage, delta, on_day: on };
  return { table: 'f_adoption', row };
}

/** A merchant's status from a day: open, closed, or (`open: null`) only its village changed. */
const merchantStatus = (
  merchantId: string,
  fromDay: string,
  open: boolean | null,
  village: string | null,
): Fact => ({
  table: 'f_merchant_status',
  row: { merchant_id: merchantId, from_day: fromDay, open, village },
});

const onboardingStep = (o: OnboardingData, on: string, type: OnboardingEventType): Fact[] => [
  {
    table: 'f_onboarding',
    row: {
      merchant_id: o.merchantId,
      onboarding_id: o.onboardingId,
      stage: ONBOARDING_STAGE_OF[type],
      on_day: on,
    },
  },
];

const merchants: FactFolds<typeof MerchantsEvents> = {
  MerchantRegistered: (m) => [merchantStatus(m.merchantId, m.openedOn, true, m.villageCode)],
  MerchantMoved: (m) => [merchantStatus(m.merchantId, m.effectiveDate, null, m.villageCode)],
  MerchantClosed: (m) => [merchantStatus(m.merchantId, m.closedOn, false, null)],
  MerchantReopened: (m) => [merchantStatus(m.merchantId, m.reopenedOn, true, null)],
  MerchantContacted: onboardingStep,
  PaymentAccountOpened: onboardingStep,
  QrCodeIssued: onboardingStep,
  QrCodeVerified: onboardingStep,
  QrPaymentsActive: onboardingStep,
  QrCodeWithdrawn: onboardingStep,
  StreetRegistered: (s) => [
    { table: 'f_places', row: { place_id: s.streetId, kind: 'street', villages: s.villageCodes } },
  ],
  MarketRegistered: (m) => [
    { table: 'f_places', row: { place_id: m.marketId, kind: 'market', villages: [m.villageCode] } },
  ],
  PlaceDesignated: (p) => [
    { table: 'f_designation', row: { place_id: p.placeId, from_day: p.decisionDate, designated: true } },
  ],
  PlaceDesignationRevoked: (p) => [
    { table: 'f_designation', row: { place_id: p.placeId, from_day: p.revokedOn, designated: false } },
  ],
  // Indicator 8 counts designated places; qualifying, fees and criteria are the merchants service's own.
  MarketFeeCollectionRecorded: none,
  PlaceQualified: none,
  PlaceStoppedQualifying: none,
  CashlessCriteriaSet: none,
  OcopProductAdded: none,
  OcopProductListed: none,
  OcopProductDelisted: none,
};

const training: FactFolds<typeof TrainingEvents> = {
  TeamRegistered: (t, on) => [
    { table: 'f_commune_names', row: { name: t.communeName.replace(/^xã\s+/iu, '') } },
    { table: 'f_roster', row: roster(t.teamId, 'team', on, { village: t.villageCode }) },
  ],
  ActivityRecorded: (a) =>
    a.villageCodes.map((village) => ({
      table: 'f_work' as const,
      row: { village, kind: 'activity', on_day: a.date, people: a.peopleReached },
    })),
  SessionRecorded: (s) => {
    const people = Object.values(s.attendance).reduce((sum, b) => sum + (b?.female ?? 0) + (b?.male ?? 0), 0);
    const kind = s.coreSpreaders ? 'core-session' : 'session';
    return s.villageCodes.map((village) => ({
      table: 'f_work' as const,
      row: { village, kind, on_day: s.date, people },
    }));
  },
  MemberJoined: (m) => [
    { table: 'f_roster', row: roster(m.teamId, 'joined', m.joinedOn, { member_id: m.memberId }) },
  ],
  MemberLeft: (m) => [
    { table: 'f_roster', row: roster(m.teamId, 'left', m.leftOn, { member_id: m.memberId }) },
  ],
  LeaderAppointed: none,
  ZaloGroupNameRecorded: none,
  TeamReportSubmitted: none,
};

const indicators: FactFolds<typeof IndicatorsEvents> = {
  DenominatorEstimated: (x) => [
    {
      table: 'f_denominator',
      row: {
        village: x.villageCode,
        band: x.ageBand,
        count: x.count,
        from_day: x.effectiveDate,
        source: x.source,
      },
    },
  ],
  CountedStageSet: (c) => [{ table: 'f_counted_stage', row: { indicator: c.indicator, stage: c.stage } }],
  TargetSet: (t) => [
    {
      table: 'f_target',
      row: { indicator: t.indicator, village: t.villageCode, year: t.year, value: t.value, reason: t.reason },
    },
  ],
  ReportNotesRecorded: (n) => [
    {
      table: 'f_report_notes',
      row: { report_id: n.reportId, office: n.office, difficulties: n.difficulties, proposals: n.proposals },
    },
  ],
  QuarterlyReportSubmitted: (s) => [
    {
      table: 'f_report_submission',
      row: {
        report_id: s.reportId,
        report_date: s.reportDate,
        known_at: s.knownAt,
        document_number: s.documentNumber ?? null,
        signer_authority: s.signer?.authority ?? null,
        signer_position: s.signer?.position ?? null,
        signer_name: s.signer?.name ?? null,
        recipients: s.recipients ?? null,
      },
    },
  ],
  QuarterlyReportReturned: (r) => [reviewOf(r, 'returned', r.comment)],
  QuarterlyReportAccepted: (r) => [reviewOf(r, 'accepted', r.comment ?? null)],
  VillageRegistered: (v) => [villageChange(v.villageCode, 'registered', v.name, v.effectiveDate, [])],
  VillageRenamed: (v) => [villageChange(v.villageCode, 'renamed', v.name, v.effectiveDate, [])],
  VillageRetired: (v) => [villageChange(v.villageCode, 'retired', null, v.effectiveDate, v.successors)],
};

const roster = (
  teamId: string,
  change: 'team' | 'joined' | 'left',
  onDay: string,
  who: { village?: string; member_id?: string },
) => ({ team_id: teamId, change, village: null, member_id: null, on_day: onDay, ...who });

const reviewOf = (
  r: { reportId: string; version: number },
  decision: 'returned' | 'accepted',
  comment: string | null,
): Fact => ({
  table: 'f_report_review',
  row: { report_id: r.reportId, version: r.version, decision, comment },
});

const villageChange = (
  village: string,
  change: 'registered' | 'renamed' | 'retired',
  name: string | null,
  fromDay: string,
  successors: readonly string[],
): Fact => ({ table: 'f_village', row: { village, change, name, from_day: fromDay, successors } });

type AnyFold = (data: unknown, on: string, type: string) => Fact[];
/** The contexts whose published events move indicators (identity's move none). */
export const FACT_FOLDS: Readonly<Record<string, Readonly<Record<string, AnyFold>>>> = {
  outreach,
  merchants,
  training,
  indicators,
} as never;

/**
 * The facts an event contributes, by table. `on` is the day it happened in Vietnam; events that carry
 * their own effective day (a move, a closing, a decision, an estimate) use that instead. Pure.
 */
export function factsOf(e: RecordedEvent, on: string): Fact[] {
  return FACT_FOLDS[e.stream.context]?.[e.type]?.(e.data, on, e.type) ?? [];
}
