import { quarterLabel, t } from './i18n';

/** Quý: a choice of quarters (`2026-Q4`), shown as an office writes them (`Quý IV/2026`). */
export function QuarterSelect(props: {
  value: string;
  quarters: readonly string[];
  onQuarter: (q: string) => void;
}) {
  const { value, quarters, onQuarter } = props;
  return (
    <label>
      {t('quarter')}
      <select name="quarter" value={value} onChange={(e) => onQuarter(e.currentTarget.value)}>
        {quarters.map((q) => (
          <option key={q} value={q}>
            {quarterLabel(q)}
          </option>
        ))}
      </select>
    </label>
  );
}
