import { moment, t } from './i18n';

/** Says the screen shows a copy kept on the phone, and from when (nothing when the answer is fresh). */
export function KeptNotice({ at }: { at: string | null }) {
  if (!at) return null;
  return (
    <p class="warning" role="status" data-testid="kept-copy">
      {t('keptCopy', { when: moment(at) })}
    </p>
  );
}
