import { useEffect, useState } from 'preact/hooks';
import { DIGITAL_TOPICS, DIGITAL_TOPIC_CODES, type DigitalTopic } from '@cnscd/contracts/src/topics';
import { i18n, t } from './i18n';
import { onOutboxChange, outboxEntries, record, sentThisSession, type OutboxEntry } from './outbox';

const uuid = () => crypto.randomUUID();

/**
 * Ghi thăm hộ: a visit in a few taps on a 360-px screen. Kept on the phone first (pending), sent when
 * there is a connection, with its command id made here: nothing lost offline, nothing counted twice.
 */
export function FieldLog() {
  const [village, setVillage] = useState(localStorage.getItem('cnscd.village') ?? '');
  const [topics, setTopics] = useState<DigitalTopic[]>([]);
  const [note, setNote] = useState('');
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [sent, setSent] = useState(sentThisSession());
  const [online, setOnline] = useState(navigator.onLine);

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

  const toggle = (topic: DigitalTopic) =>
    setTopics(topics.includes(topic) ? topics.filter((x) => x !== topic) : [...topics, topic]);

  const submit = async (e: Event) => {
    e.preventDefault();
    localStorage.setItem('cnscd.village', village);
    await record({
      commandId: uuid(),
      service: 'outreach',
      kind: 'log-visit',
      input: {
        villageCode: village,
        householdId: uuid(),
        occurredAt: new Date().toISOString(),
        topics,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
    });
    setTopics([]);
    setNote('');
  };

  const pending = entries.filter((x) => x.status === 'pending');
  const refused = entries.filter((x) => x.status === 'refused');
  return (
    <section class="field-log">
      <h2>{t('fieldLog')}</h2>
      <p class={online ? 'online' : 'offline'} data-testid="connection">
        {online ? t('connected') : t('notConnected')}
      </p>
      <form onSubmit={submit}>
        <label>
          {t('village')}
          <input
            name="village"
            required
            pattern="[a-z0-9][a-z0-9-]{0,31}"
            value={village}
            onInput={(e) => setVillage(e.currentTarget.value)}
          />
        </label>
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
              {i18n.language === 'vi' ? DIGITAL_TOPICS[code].vi : DIGITAL_TOPICS[code].en}
            </label>
          ))}
        </fieldset>
        <label>
          {t('note')}
          <input name="note" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <button class="primary" type="submit" disabled={topics.length === 0}>
          {t('saveVisit')}
        </button>
      </form>
      <p data-testid="pending">
        {t('pending')}: {pending.length}
      </p>
      <p data-testid="sent">
        {t('sent')}: {sent}
      </p>
      {refused.map((x) => (
        <p key={x.commandId} class="error" role="alert">
          {t('refused')}: {x.problem?.title ?? x.problem?.code}
        </p>
      ))}
    </section>
  );
}
