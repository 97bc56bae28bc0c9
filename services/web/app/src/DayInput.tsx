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
        {/* Drawn, not an emoji: a phone without an emoji font shows an empty box for 📅. */}
        <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
          <path d="M4 9h2v2H4zM7 9h2v2H7zM10 9h2v2h-2z" fill="currentColor" />
        </svg>
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
