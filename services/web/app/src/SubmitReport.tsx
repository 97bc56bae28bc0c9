import { useState } from 'preact/hooks';
import { send } from './api';
import { t } from './i18n';
import { problemText } from './use-api';

/** Decree 30/2020/NĐ-CP's signing authorities for a commune People's Committee's report. */
const AUTHORITIES = ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'] as const;

/**
 * Nộp báo cáo: the document's number and signer, then the submission (after the office confirms),
 * which freezes the report. Number and signer may be left blank: the document prints blanks for them.
 */
export function SubmitReport({ reportId, onSubmitted }: { reportId: string; onSubmitted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [fields, setFields] = useState({
    number: '',
    authority: 'TM. ỦY BAN NHÂN DÂN',
    position: '',
    name: '',
  });
  const set = (k: keyof typeof fields) => (e: Event) =>
    setFields({ ...fields, [k]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!window.confirm(t('submitConfirm'))) return;
    setBusy(true);
    setRefusal(null);
    const position = fields.position.trim();
    const name = fields.name.trim();
    try {
      await send('/api/indicators/v1/reports/submissions', {
        commandId: crypto.randomUUID(),
        occurredAt: new Date().toISOString(),
        reportId,
        ...(fields.number.trim() ? { documentNumber: fields.number.trim() } : {}),
        ...(position && name ? { signer: { authority: fields.authority, position, name } } : {}),
      });
      onSubmitted();
    } catch (err) {
      setRefusal(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="submit-report" onSubmit={(e) => void submit(e)}>
      <DocumentFields fields={fields} set={set} />
      <button type="submit" disabled={busy}>
        {t('submitReport')}
      </button>
      {refusal && (
        <p class="error" role="alert">
          {refusal}
        </p>
      )}
    </form>
  );
}

type Fields = { number: string; authority: string; position: string; name: string };

/** The document's number and its signer (Decree 30/2020/NĐ-CP). */
function DocumentFields({ fields, set }: { fields: Fields; set: (k: keyof Fields) => (e: Event) => void }) {
  return (
    <>
      <label>
        {t('documentNumber')}
        <input
          name="documentNumber"
          inputMode="numeric"
          pattern="[0-9]{1,6}"
          value={fields.number}
          onInput={set('number')}
        />
      </label>
      <label>
        {t('signerAuthority')}
        <select name="signerAuthority" value={fields.authority} onChange={set('authority')}>
          {AUTHORITIES.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('signerPosition')}
        <input name="signerPosition" maxLength={60} value={fields.position} onInput={set('position')} />
      </label>
      <label>
        {t('signerName')}
        <input name="signerName" maxLength={80} value={fields.name} onInput={set('name')} />
      </label>
    </>
  );
}
