import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from './api';
import { inLanguage, t } from './i18n';

/**
 * A GET answered into state: `data` (null while loading), and an `error` the user can read (no
 * permission, or no connection); `reload()` asks again (after a write). An answer for a path no
 * longer asked for is dropped, since answers may arrive out of order.
 */
export function useApi<T>(path: string | null): {
  data: T | null;
  error: string | null;
  reload: () => void;
} {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ data: null, error: null });
    if (path === null) return;
    get<T>(path).then(
      (data) => current && setState({ data, error: null }),
      (err: unknown) => current && setState({ data: null, error: problemText(err) }),
    );
    return () => {
      current = false;
    };
  }, [path, asked]);
  return { ...state, reload: () => setAsked((n) => n + 1) };
}

/** What to tell the user about a failed call. */
export const problemText = (err: unknown) =>
  err instanceof ApiError && err.status === 403
    ? t('notAllowed')
    : err instanceof ApiError && err.status < 500 && err.status !== 401
      ? `${t('refused')}: ${inLanguage(err.message)}`
      : t('offline');
