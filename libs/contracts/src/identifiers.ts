import { z } from 'zod';

/** Commune (xã) code: the 5-digit administrative unit code. The tenant key everywhere. */
export const CommuneCode = z
  .string()
  .regex(/^[0-9]{5}$/, { error: 'Mã xã gồm 5 chữ số / A commune code is 5 digits' });

/** Village (thôn) code, set by the commune: lowercase letters, digits and hyphens, e.g. `thon-1`. */
export const VillageCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
    error: 'Mã thôn chỉ gồm chữ thường không dấu, số và dấu gạch ngang / Village code: a-z, 0-9 and hyphens',
  })
  .refine((code) => !containsIdLikeNumber(code), {
    error: 'Mã thôn không được là một dãy số dài / A village code must not be a long number',
  })
  // A write naming a village the commune has not registered is refused (libs/contracts villages.ts).
  .meta({ description: 'A village the commune registered', 'x-registered': 'village' });

/**
 * A village someone or something was in: registered by the commune, perhaps merged or split since (where
 * a resident moves from). Only a code the commune never registered is refused.
 */
export const FormerVillageCode = VillageCode.meta({
  description: 'A village the commune registered, perhaps merged or split since',
  'x-registered': 'village-ever',
});

/**
 * How a schema marks a field that must name a village of the caller's commune: `village`, one in
 * existence on the write's day; `village-ever`, one it ever registered.
 */
export const REGISTERED_VILLAGE = { key: 'x-registered', value: 'village', ever: 'village-ever' } as const;

export const EntityId = z.uuid({ error: 'Cần một UUID / A UUID is required' });

/**
 * A resident's pseudonymous key (docs/mission/ARCHITECTURE.md §7): HMAC-SHA-256 (hex) of the citizen ID number with a
 * per-commune secret. A raw ID-card number never fits this shape, so it cannot slip into an event.
 */
export const ResidentKey = z.string().regex(/^[0-9a-f]{64}$/, {
  error:
    'Khóa cư dân là mã giả danh 64 ký tự hex, không phải số CCCD / A resident key is a 64-hex pseudonymous key, never an ID number',
});

// ── Domain ranges (docs/api.md, "Ranges") ──────────────────────────────────────────────────
/** The horizon of everything the system records: the plan runs to 2030; nothing before 2000 is outreach. */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2099-12-31';
const EARLIEST_MS = Date.parse(`${EARLIEST_DAY}T00:00:00+07:00`);
const LATEST_MS = Date.parse(`${LATEST_DAY}T23:59:59.999+07:00`);
/** How far ahead of the server's clock a phone may say something happened (its clock drifts). */
export const OCCURRED_AT_MAX_AHEAD_MS = 24 * 3600_000;

const HORIZON_TEXT = `${EARLIEST_DAY} … ${LATEST_DAY}`;

/** A calendar day (YYYY-MM-DD) within the horizon, e.g. an effective date or a follow-up's due date. */
export const Day = z.iso
  .date({ error: 'Cần ngày dạng YYYY-MM-DD / A YYYY-MM-DD date is required', abort: true })
  .refine((day) => day >= EARLIEST_DAY && day <= LATEST_DAY, {
    error: `Ngày phải trong khoảng ${HORIZON_TEXT} / The date must lie within ${HORIZON_TEXT}`,
  })
  .meta({ description: `A day within ${HORIZON_TEXT}`, 'x-range': [EARLIEST_DAY, LATEST_DAY] });

/** An ISO 8601 instant with its offset, from 2000-01-01 up to `latestMs()`, worded `error`. */
const instantUpTo = (latestMs: () => number, error: string, description: string, range: readonly string[]) =>
  z.iso
    .datetime({
      offset: true,
      error: 'Cần thời điểm ISO 8601 / An ISO 8601 date-time is required',
      abort: true,
    })
    .refine(
      (at) => {
        const ms = Date.parse(at);
        return ms >= EARLIEST_MS && ms <= latestMs();
      },
      { error },
    )
    .meta({ description, 'x-range': range });

/** An ISO 8601 instant with its offset within the horizon, e.g. 2026-03-02T08:30:00+07:00. */
export const Instant = instantUpTo(
  () => LATEST_MS,
  `Thời điểm phải trong khoảng ${HORIZON_TEXT} / The instant must lie within ${HORIZON_TEXT}`,
  `An instant within ${HORIZON_TEXT}`,
  [EARLIEST_DAY, LATEST_DAY],
);

/**
 * When something happened in the field: from 2000-01-01 to one day ahead of the server's clock. Checked at
 * the edge of every write; the event store refuses to read an event outside the same bounds.
 */
export const OccurredAt = instantUpTo(
  () => Date.now() + OCCURRED_AT_MAX_AHEAD_MS,
  `Thời điểm phải từ ${EARLIEST_DAY} đến một ngày sau hiện tại / It must lie between ${EARLIEST_DAY} and one day from now`,
  `When it happened: from ${EARLIEST_DAY} to one day ahead of now`,
  [EARLIEST_DAY, 'now + 1 day'],
);

/**
 * True when the text holds something shaped like an identity-card (9 or 12 digits) or phone number
 * (10+ digits), even written with spaces, dots or hyphens. Used to refuse free text that would carry
 * personal data into an event (docs/mission/ARCHITECTURE.md §7).
 */
export function containsIdLikeNumber(text: string): boolean {
  return /\d(?:[\s.-]?\d){8,}/.test(text);
}

/** A short note: no ID-card or phone numbers. */
export const ShortNote = z
  .string()
  .trim()
  .max(280, { error: 'Ghi chú tối đa 280 ký tự / A note has at most 280 characters' })
  .refine((text) => !containsIdLikeNumber(text), {
    error:
      'Ghi chú không được chứa số CCCD hay số điện thoại / A note must not contain ID-card or phone numbers',
  });

/**
 * Province codes that open a 12-digit citizen ID number (the province where the birth was registered).
 */
export const CITIZEN_ID_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
]);

/**
 * True when the text holds 12 consecutive digits shaped like a citizen ID (a province code, then a
 * sex/century digit for 1900–2099). Used on identifiers we cannot otherwise constrain (correlation and
 * trace ids), where refusing every long digit run would refuse ordinary random ids.
 */
export function looksLikeCitizenId(text: string): boolean {
  for (const run of text.match(/\d{12,}/g) ?? []) {
    for (let i = 0; i + 12 <= run.length; i++) {
      if (CITIZEN_ID_PROVINCE_CODES.has(run.slice(i, i + 3)) && Number(run[i + 3]) <= 3) return true;
    }
  }
  return false;
}
