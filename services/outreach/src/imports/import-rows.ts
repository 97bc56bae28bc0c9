import { ADOPTION_INDICATOR_CODES, DIGITAL_TOPIC_CODES } from '@cnscd/contracts';
import { deterministicUuid } from '@cnscd/event-store';
import { codeList, dayOf, headerKey, vietnameseDate, type CsvRow } from '@cnscd/service-kit';

/** Accepted headers per field (compared after `headerKey`: no diacritics, lower case). */
export const VISIT_COLUMNS = {
  commandId: ['ma lenh', 'command id', 'commandid'],
  villageCode: ['thon', 'ma thon', 'village', 'village code', 'villagecode'],
  householdCode: ['ma ho', 'ho', 'household code', 'householdcode'],
  householdId: ['household id', 'householdid'],
  occurredAt: ['ngay', 'ngay tham', 'date', 'occurred at', 'occurredat'],
  topics: ['chu de', 'noi dung', 'topics'],
  followUpTopics: ['hen quay lai', 'chu de hen', 'follow up', 'followup'],
  dueBy: ['ngay hen', 'due by', 'dueby'],
  note: ['ghi chu', 'note'],
} as const;

export const CONFIRMATION_COLUMNS = {
  commandId: ['ma lenh', 'command id', 'commandid'],
  citizenId: ['so cccd', 'cccd', 'so dinh danh', 'citizen id', 'citizenid'],
  residentKey: ['ma cu dan', 'resident key', 'residentkey'],
  indicator: ['chi tieu', 'indicator'],
  stage: ['giai doan', 'muc do', 'stage'],
  evidence: ['minh chung', 'evidence'],
  occurredAt: ['ngay', 'ngay xac nhan', 'date', 'occurred at', 'occurredat'],
} as const;

const STAGES: Record<string, string> = {
  'da huong dan': 'guided',
  'huong dan': 'guided',
  'da cai dat': 'installed',
  'cai dat': 'installed',
  'da kich hoat': 'active',
  'kich hoat': 'active',
  'dang su dung': 'active',
};
const EVIDENCE: Record<string, string> = {
  'tu khai': 'self-reported',
  'nguoi dan tu khai': 'self-reported',
  'kiem tra tren may': 'verified-on-device',
  'xac minh tren may': 'verified-on-device',
  'du lieu nha cung cap': 'provider-records',
  'ho so nha cung cap': 'provider-records',
};
const translated = (value: string | undefined, table: Record<string, string>) =>
  value === undefined ? undefined : (table[headerKey(value)] ?? value.toLowerCase());

/** A visit row as the log-visit operation's input; the household comes from its code when no id is given. */
export function visitInput(
  row: CsvRow,
  commune: string,
  householdIdOf: (village: string, code: string) => string,
) {
  const v = row.values;
  const followUpTopics = codeList(v['followUpTopics'], DIGITAL_TOPIC_CODES);
  const input = {
    villageCode: v['villageCode'],
    householdId:
      v['householdId'] ??
      (v['villageCode'] && v['householdCode']
        ? householdIdOf(v['villageCode'], v['householdCode'])
        : undefined),
    occurredAt: vietnameseDate(v['occurredAt']),
    topics: codeList(v['topics'], DIGITAL_TOPIC_CODES) ?? [],
    followUp: followUpTopics ? { topics: followUpTopics, dueBy: dayOf(v['dueBy']) ?? null } : null,
    note: v['note'] ?? null,
  };
  // The same row imported again gets the same command id, so a re-import changes nothing.
  return {
    commandId: v['commandId'] ?? deterministicUuid('import-visit', commune, JSON.stringify(input)),
    ...input,
  };
}

/** A confirmation row as the confirm-adoption operation's input (the citizen ID still raw: resolve it next). */
export function confirmationInput(row: CsvRow) {
  const v = row.values;
  return {
    ...(v['citizenId'] !== undefined ? { citizenId: v['citizenId'] } : {}),
    ...(v['residentKey'] !== undefined ? { residentKey: v['residentKey'] } : {}),
    indicator: codeList(v['indicator'], ADOPTION_INDICATOR_CODES)?.[0],
    stage: translated(v['stage'], STAGES),
    evidence: translated(v['evidence'], EVIDENCE) ?? 'self-reported',
    occurredAt: vietnameseDate(v['occurredAt']),
    ...(v['commandId'] !== undefined ? { commandId: v['commandId'] } : {}),
  };
}

/** The column to blame for an error at a JSON pointer of the operation's input. */
export function columnFor(pointer: string, columnOf: Readonly<Record<string, string>>): string {
  const field = pointer.replace(/^#\//, '').split('/')[0] ?? '';
  const candidates: Record<string, string[]> = {
    householdId: ['householdId', 'householdCode'],
    followUp: ['followUpTopics', 'dueBy'],
    residentKey: ['residentKey', 'citizenId'],
  };
  for (const f of candidates[field] ?? [field]) if (columnOf[f]) return columnOf[f]!;
  return field;
}
