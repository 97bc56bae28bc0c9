import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDay, parseDay } from './days';
import { t } from './i18n';

/**
 * A day typed the Vietnamese way, dd/MM/yyyy, whatever the browser's own date field would show
 * (Chromium's follows the operating system, often mm/dd/yyyy). `value` and `onDay` are ISO days;
 * an empty field is `''`, a day after `max` or not a day at all is refused with a message. The
 * calendar button opens the phone's own date picker; what it picks is written back dd/MM/yyyy.
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
  const calendar = useRef<HTMLInputElement>(null);
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
    <span class="day-input">
      <input
        name={name}
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        autoComplete="off"
        value={text}
        aria-invalid={invalid}
        onInput={(e) => take(e.currentTarget.value)}
      />
      <button
        type="button"
        class="calendar"
        aria-label={t('calendar')}
        title={t('calendar')}
        onClick={() => calendar.current?.showPicker?.()}
      >
        📅
      </button>
      <input
        ref={calendar}
        type="date"
        class="picker"
        tabIndex={-1}
        aria-hidden="true"
        value={value}
        max={max}
        onChange={(e) => e.currentTarget.value && take(formatDay(e.currentTarget.value))}
      />
      {invalid && <small class="error">{t('notADay')}</small>}
    </span>
  );
}
