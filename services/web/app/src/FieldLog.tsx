// Long: the offline field log (form, queue, sync state) in one component; issue 19 reworks this
// screen and splits it then, rather than twice.
import { useEffect, useState } from 'preact/hooks';
import { type AdoptionIndicator, type AdoptionStage } from '@cnscd/contracts/src/adoption';
import { useAdoptionPolicy } from './adoption-policy';
import { GuidedResidents } from './GuidedResidents';
import {
  DIGITAL_TOPICS,
  DIGITAL_TOPIC_CODES,
  TOPIC_INDICATOR,
  type DigitalTopic,
} from '@cnscd/contracts/src/topics';
import { VillagePicker } from './VillagePicker';
import { DayInput } from './DayInput';
import { INPUT_PATTERNS } from './input-patterns';
import { vietnamDayOf } from './days';
import type { CachedVillage } from './device-db';
import { day, inLanguage, inUserLanguage, residentLabel, t } from './i18n';
import { loadSession } from './api';
import {
  dismiss,
  isMine,
  onOutboxChange,
  outboxEntries,
  record,
  sentThisSession,
  type OutboxEntry,
} from './outbox';
import { households, villageResidents, withoutHousehold } from './village-residents';

const uuid = () => crypto.randomUUID();
/** The indicators the visit's topics move: what a guided resident's stage is recorded for. */
const indicatorsOf = (topics: readonly DigitalTopic[]) =>
  topics.flatMap((x): AdoptionIndicator[] => (TOPIC_INDICATOR[x] ? [TOPIC_INDICATOR[x]] : []));
const NEW_HOUSEHOLD = '';
/** The field a refusal names (`#/villageCode`), as the form labels it. */
const FIELD_LABELS: Readonly<Record<string, Parameters<typeof t>[0]>> = {
  villageCode: 'village',
  householdId: 'household',
  code: 'newHouseholdCode',
  topics: 'topics',
  note: 'note',
};
const fieldName = (pointer: string) => {
  const field =
    pointer
      .split('/')
      .filter((p) => p !== '#' && !/^\d+$/.test(p))
      .at(-1) ?? pointer;
  const label = FIELD_LABELS[field];
  return label ? t(label) : field;
};
/** A village code's shape (libs/contracts VillageCode); the service also checks the commune registered it. */
const VILLAGE_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * Ghi thăm hộ: a visit in a few taps on a 360-px screen — the household, the topics, who was guided
 * and how far each got. Kept on the phone first (pending), sent when there is a connection, with
 * command ids made here: nothing lost offline, nothing counted twice.
 */
// Long: the field log's form, queue and sync state together; issue 19 reworks this screen and splits it then.
export function FieldLog() {
  // The last village used on this phone, else the user's own village team's.
  const [village, setVillage] = useState(
    localStorage.getItem('cnscd.village') ?? loadSession()?.user.villageCode ?? '',
  );
  const [known, setKnown] = useState<CachedVillage | null>(null);
  const [householdId, setHouseholdId] = useState(NEW_HOUSEHOLD);
  const [topics, setTopics] = useState<DigitalTopic[]>([]);
  /** Resident key → the stage reached in this visit, for each resident guided. */
  const [guided, setGuided] = useState<Record<string, AdoptionStage>>({});
  const [followUpBy, setFollowUpBy] = useState('');
  /** For a household not on the list: the team's short code to register it under (optional). */
  const [newCode, setNewCode] = useState('');
  const [note, setNote] = useState('');
  /** The outbox as read from the device; null until read, so no count is shown before it is known. */
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  const [sent, setSent] = useState(sentThisSession());
  const [online, setOnline] = useState(navigator.onLine);
  /** Said after a save, and kept until the next one: the volunteer knows the visit is on the phone. */
  const [saved, setSaved] = useState<string | null>(null);
  const policy = useAdoptionPolicy();

  useEffect(() => {
    const refresh = () => void outboxEntries().then((all) => (setEntries(all), setSent(sentThisSession())));
    refresh();
    const net = () => setOnline(navigator.onLine);
    window.addEventListener('online', net);
    window.addEventListener('offline', net);
    net(); // the connection may have changed between the first render and now
    const off = onOutboxChange(refresh);
    return () => (
      off(),
      window.removeEventListener('online', net),
      window.removeEventListener('offline', net)
    );
  }, []);

  useEffect(() => {
    let current = true;
    setKnown(null);
    setHouseholdId(NEW_HOUSEHOLD);
    setGuided({});
    // Fetched once the code stops changing, not at every keystroke.
    const wait = setTimeout(() => {
      if (VILLAGE_CODE.test(village)) void villageResidents(village).then((v) => current && setKnown(v));
    }, 400);
    return () => {
      current = false;
      clearTimeout(wait);
    };
  }, [village]);

  const homes = households(known?.residents ?? []);
  const home = homes.find((h) => h.householdId === householdId);
  const toggle = (topic: DigitalTopic) =>
    setTopics(topics.includes(topic) ? topics.filter((x) => x !== topic) : [...topics, topic]);
  const guide = (residentKey: string, stage: AdoptionStage | null) => {
    const others = Object.fromEntries(Object.entries(guided).filter(([key]) => key !== residentKey));
    setGuided(stage ? { ...others, [residentKey]: stage } : others);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    localStorage.setItem('cnscd.village', village);
    const occurredAt = new Date().toISOString();
    const household = householdId || uuid();
    // A new household with a code is registered first, so the visit and the list know it by that code.
    const registration =
      !householdId && newCode.trim()
        ? [
            {
              commandId: uuid(),
              service: 'outreach',
              kind: 'register-household',
              input: { householdId: household, villageCode: village, code: newCode.trim(), occurredAt },
            } as const,
          ]
        : [];
    const visit = {
      commandId: uuid(),
      service: 'outreach',
      kind: 'log-visit',
      input: {
        villageCode: village,
        householdId: household,
        occurredAt,
        topics,
        ...(Object.keys(guided).length ? { residentsGuided: Object.keys(guided) } : {}),
        ...(followUpBy ? { followUp: { topics, dueBy: followUpBy } } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
    } as const;
    // The volunteer was there, on the resident's phone: a confirmation seen on the device.
    const confirmations = Object.entries(guided).flatMap(([residentKey, stage]) =>
      indicatorsOf(topics).map(
        (indicator) =>
          ({
            commandId: uuid(),
            service: 'outreach',
            kind: 'confirm-adoption',
            input: { residentKey, indicator, stage, evidence: 'verified-on-device', occurredAt },
          }) as const,
      ),
    );
    await record(...registration, visit, ...confirmations);
    setSaved(t(navigator.onLine ? 'visitSavedSending' : 'visitSavedOffline'));
    setHouseholdId(NEW_HOUSEHOLD);
    setTopics([]);
    setGuided({});
    setFollowUpBy('');
    setNewCode('');
    setNote('');
  };

  // Counted as the volunteer counts them: visits (a visit's registration and confirmations ride with it).
  const visits = (entries ?? []).filter((x) => x.status === 'pending' && x.kind === 'log-visit');
  const pending = visits.filter(isMine);
  const othersPending = visits.filter((x) => !isMine(x));
  const refused = (entries ?? []).filter((x) => x.status === 'refused' && isMine(x));
  return (
    <section class="field-log">
      <h2>{t('fieldLog')}</h2>
      <p class={online ? 'online' : 'offline'} data-testid="connection">
        {online ? t('connected') : t('notConnected')}
      </p>
      <form onSubmit={submit}>
        <VillagePicker value={village} onVillage={setVillage} required />
        {known && (
          <p class="hint" data-testid="village-list">
            {t('residentsKnown')}: {known.residents.length} · {t('listFrom')}{' '}
            {day(vietnamDayOf(known.fetchedAt))}
          </p>
        )}
        <label>
          {t('household')}
          <select
            name="household"
            value={householdId}
            onChange={(e) => setHouseholdId(e.currentTarget.value)}
          >
            <option value={NEW_HOUSEHOLD}>{t('otherHousehold')}</option>
            {homes.map((h) => (
              <option key={h.householdId} value={h.householdId}>
                {h.code ??
                  `${t('householdWithoutCode')}: ${h.residents.slice(0, 3).map(residentLabel).join('; ')}`}{' '}
                ({h.residents.length})
              </option>
            ))}
          </select>
        </label>
        {!householdId && (
          <label>
            {t('newHouseholdCode')}
            <input
              name="newHouseholdCode"
              pattern={INPUT_PATTERNS.householdCode}
              maxLength={20}
              placeholder="H-015"
              value={newCode}
              onInput={(e) => setNewCode(e.currentTarget.value)}
            />
          </label>
        )}
        <fieldset>
          <legend>{t('topics')}</legend>
          {DIGITAL_TOPIC_CODES.map((code) => (
            <label key={code} class="check">
              <input
                type="checkbox"
                name="topic"
                value={code}
                checked={topics.includes(code)}
                onChange={() => toggle(code)}
              />
              {inUserLanguage(DIGITAL_TOPICS[code])}
            </label>
          ))}
        </fieldset>
        <GuidedResidents
          residents={home ? home.residents : withoutHousehold(known?.residents ?? [])}
          legend={home ? t('residentsGuided') : t('residentsWithoutHousehold')}
          indicators={indicatorsOf(topics)}
          policy={policy}
          guided={guided}
          guide={guide}
        />
        <label>
          {t('followUpBy')}
          <DayInput name="followUpBy" value={followUpBy} onDay={setFollowUpBy} optional />
        </label>
        <label>
          {t('note')}
          <input name="note" maxLength={280} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <button class="primary" type="submit" disabled={topics.length === 0}>
          {t('saveVisit')}
        </button>
        {saved && (
          <p class="saved" role="status" data-testid="saved">
            {saved}
          </p>
        )}
      </form>
      <p data-testid="pending">
        {t('pending')}: {entries === null ? '…' : pending.length}
      </p>
      {othersPending.length > 0 && (
        <p class="hint" data-testid="others-pending">
          {t('othersPending')}: {othersPending.length}
        </p>
      )}
      <p data-testid="sent">
        {t('sent')}: {sent}
      </p>
      {refused.map((x) => (
        <p key={x.commandId} class="error" role="alert">
          {t('refused')} ({t(`kind_${x.kind}`)}): {x.problem ? inLanguage(x.problem.title) : ''}
          {x.problem?.errors?.map((e) => (
            <span key={e.pointer} class="field-error" data-pointer={e.pointer}>
              {' '}
              {fieldName(e.pointer)}: {inLanguage(e.detail)}.
            </span>
          ))}{' '}
          <button type="button" onClick={() => void dismiss(x.commandId)}>
            {t('dismiss')}
          </button>
        </p>
      ))}
    </section>
  );
}
