import {
  type AdoptionConfirmationRetractedData,
  type AdoptionStageConfirmedData,
  type ActivityRecordedData,
  type CountedStageSetData,
  type DenominatorEstimatedData,
  type MarketRegisteredData,
  type MerchantMovedData,
  type MerchantRegisteredData,
  type OnboardingData,
  type PlaceDesignatedData,
  type PlaceDesignationRevokedData,
  type QuarterlyReportSubmittedData,
  type ReportNotesRecordedData,
  type ResidentMovedData,
  type ResidentRegisteredData,
  type SessionRecordedData,
  type StreetRegisteredData,
  type TargetSetData,
  type TeamRegisteredData,
  type VillageRetiredData,
  type VillageRegisteredData,
  type VisitLoggedData,
  ONBOARDING_STAGE_OF,
  type OnboardingEventType,
} from '@cnscd/contracts';
import type { RecordedEvent } from '@cnscd/event-store';
import type { FactsDatabase } from '../../infrastructure/read-model';

type Fact = {
  [T in keyof FactsDatabase]: { table: T; row: Record<string, unknown>; suffix?: string };
}[keyof FactsDatabase];

/**
 * The facts an event contributes, by table. `on` is the day it happened in Vietnam; events that carry
 * their own effective day (a move, a closing, a decision, an estimate) use that instead. Pure.
 */
export function factsOf(e: RecordedEvent, on: string): Fact[] {
  const d = e.data as never;
  switch (`${e.stream.context}.${e.type}`) {
    case 'outreach.ResidentRegistered': {
      const r = d as ResidentRegisteredData;
      return [
        { table: 'f_residents', row: { resident_key: r.residentKey, birth_year: r.birthYear } },
        { table: 'f_residence', row: { resident_key: r.residentKey, village: r.villageCode, from_day: on } },
      ];
    }
    case 'outreach.ResidentMoved': {
      const m = d as ResidentMovedData;
      return [
        {
          table: 'f_residence',
          row: { resident_key: m.residentKey, village: m.toVillage, from_day: m.effectiveDate },
        },
      ];
    }
    case 'outreach.AdoptionStageConfirmed':
    case 'outreach.AdoptionConfirmationRetracted': {
      const a = d as AdoptionStageConfirmedData | AdoptionConfirmationRetractedData;
      return [
        {
          table: 'f_adoption',
          row: {
            resident_key: a.residentKey,
            indicator: a.indicator,
            stage: a.stage,
            delta: e.type === 'AdoptionStageConfirmed' ? 1 : -1,
            on_day: on,
          },
        },
      ];
    }
    case 'outreach.VisitLogged': {
      const v = d as VisitLoggedData;
      return [
        {
          table: 'f_work',
          row: { village: v.villageCode, kind: 'visit', on_day: on, people: v.residentsGuided.length },
        },
      ];
    }
    case 'merchants.MerchantRegistered': {
      const m = d as MerchantRegisteredData;
      return [
        {
          table: 'f_merchant_status',
          row: { merchant_id: m.merchantId, from_day: m.openedOn, open: true, village: m.villageCode },
        },
      ];
    }
    case 'merchants.MerchantMoved': {
      const m = d as MerchantMovedData;
      return [
        {
          table: 'f_merchant_status',
          row: { merchant_id: m.merchantId, from_day: m.effectiveDate, open: null, village: m.villageCode },
        },
      ];
    }
    case 'merchants.MerchantClosed':
      return [
        {
          table: 'f_merchant_status',
          row: {
            merchant_id: (d as { merchantId: string }).merchantId,
            from_day: (d as { closedOn: string }).closedOn,
            open: false,
            village: null,
          },
        },
      ];
    case 'merchants.MerchantReopened':
      return [
        {
          table: 'f_merchant_status',
          row: {
            merchant_id: (d as { merchantId: string }).merchantId,
            from_day: (d as { reopenedOn: string }).reopenedOn,
            open: true,
            village: null,
          },
        },
      ];
    case 'merchants.MerchantContacted':
    case 'merchants.PaymentAccountOpened':
    case 'merchants.QrCodeIssued':
    case 'merchants.QrCodeVerified':
    case 'merchants.QrPaymentsActive':
    case 'merchants.QrCodeWithdrawn': {
      const o = d as OnboardingData;
      return [
        {
          table: 'f_onboarding',
          row: {
            merchant_id: o.merchantId,
            onboarding_id: o.onboardingId,
            stage: ONBOARDING_STAGE_OF[e.type as OnboardingEventType],
            on_day: on,
          },
        },
      ];
    }
    case 'merchants.StreetRegistered': {
      const s = d as StreetRegisteredData;
      return [{ table: 'f_places', row: { place_id: s.streetId, kind: 'street', villages: s.villageCodes } }];
    }
    case 'merchants.MarketRegistered': {
      const m = d as MarketRegisteredData;
      return [
        { table: 'f_places', row: { place_id: m.marketId, kind: 'market', villages: [m.villageCode] } },
      ];
    }
    case 'merchants.PlaceDesignated': {
      const p = d as PlaceDesignatedData;
      return [
        { table: 'f_designation', row: { place_id: p.placeId, from_day: p.decisionDate, designated: true } },
      ];
    }
    case 'merchants.PlaceDesignationRevoked': {
      const p = d as PlaceDesignationRevokedData;
      return [
        { table: 'f_designation', row: { place_id: p.placeId, from_day: p.revokedOn, designated: false } },
      ];
    }
    case 'training.TeamRegistered':
      return [
        {
          table: 'f_commune_names',
          row: { name: (d as TeamRegisteredData).communeName.replace(/^xã\s+/iu, '') },
        },
      ];
    case 'training.ActivityRecorded': {
      const a = d as ActivityRecordedData;
      return a.villageCodes.map((village) => ({
        table: 'f_work' as const,
        row: { village, kind: 'activity', on_day: a.date, people: a.peopleReached },
      }));
    }
    case 'training.SessionRecorded': {
      const s = d as SessionRecordedData;
      const people = Object.values(s.attendance).reduce(
        (sum, b) => sum + (b?.female ?? 0) + (b?.male ?? 0),
        0,
      );
      return s.villageCodes.map((village) => ({
        table: 'f_work' as const,
        row: { village, kind: s.coreSpreaders ? 'core-session' : 'session', on_day: s.date, people },
      }));
    }
    case 'indicators.DenominatorEstimated': {
      const x = d as DenominatorEstimatedData;
      return [
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
      ];
    }
    case 'indicators.CountedStageSet': {
      const c = d as CountedStageSetData;
      return [{ table: 'f_counted_stage', row: { indicator: c.indicator, stage: c.stage } }];
    }
    case 'indicators.TargetSet': {
      const t = d as TargetSetData;
      return [
        {
          table: 'f_target',
          row: {
            indicator: t.indicator,
            village: t.villageCode,
            year: t.year,
            value: t.value,
            reason: t.reason,
          },
        },
      ];
    }
    case 'indicators.ReportNotesRecorded': {
      const n = d as ReportNotesRecordedData;
      return [
        {
          table: 'f_report_notes',
          row: {
            report_id: n.reportId,
            office: n.office,
            difficulties: n.difficulties,
            proposals: n.proposals,
          },
        },
      ];
    }
    case 'indicators.QuarterlyReportSubmitted': {
      const s = d as QuarterlyReportSubmittedData;
      return [
        {
          table: 'f_report_submission',
          row: { report_id: s.reportId, report_date: s.reportDate, known_at: s.knownAt },
        },
      ];
    }
    case 'indicators.VillageRegistered':
    case 'indicators.VillageRenamed': {
      const v = d as VillageRegisteredData;
      const change = e.type === 'VillageRegistered' ? 'registered' : 'renamed';
      const row = { village: v.villageCode, change, name: v.name, from_day: v.effectiveDate, successors: [] };
      return [{ table: 'f_village', row }];
    }
    case 'indicators.VillageRetired': {
      const v = d as VillageRetiredData;
      const row = {
        village: v.villageCode,
        change: 'retired',
        name: null,
        from_day: v.effectiveDate,
        successors: v.successors,
      };
      return [{ table: 'f_village', row }];
    }
    default:
      return [];
  }
}
