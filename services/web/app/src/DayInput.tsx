import { useEffect, useState } from 'preact/hooks';
import { formatDay, parseDay } from './days';
import { t } from './i18n';

/**
 * A day typed the Vietnamese way, dd/MM/yyyy, whatever the browser's own date field would show
 * (Chromium's follows the operating system, often mm/dd/yyyy). `value` and `onDay` are ISO days;
 * an empty field is `''`, a day after `max` or not a day at all is refused with a message.
 */
export function DayInput(props: {
  name: string;
  value: string;
  onDay: (iso: string) => void;
  max?: string;
  optional?: boolean;
}) {
  const { name, value, onDay, max, optional } = props;
  const [text, setText] = useState(formatDay(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(formatDay(value)), [value]);
  const take = (typed: string) => {
    setText(typed);
    if (typed.trim() === '' && optional) return (setInvalid(false), onDay(''));
    const iso = parseDay(typed);
    const ok = iso !== null && (!max || iso <= max);
    setInvalid(!ok && typed.trim().length >= 8);
    if (ok) onDay(iso);
  };
  return (
    <>
      <input
        name={name}
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        autoComplete="off"
        value={text}
        aria-invalid={invalid}
        onInput={(e) => take(e.currentTarget.value)}
      />
      {invalid && <small class="error">{t('notADay')}</small>}
    </>
  );
}
