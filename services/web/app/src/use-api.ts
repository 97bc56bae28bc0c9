import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from './api';
import { t } from './i18n';

/**
 * A GET answered into state: `data` (null while loading), and an `error` the user can read (no
 * permission, or no connection). An answer for a path no longer asked for is dropped, since answers
 * may arrive out of order.
 */
export function useApi<T>(path: string): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let current = true;
    setState({ data: null, error: null });
    get<T>(path).then(
      (data) => current && setState({ data, error: null }),
      (err: unknown) =>
        current &&
        setState({
          data: null,
          error: err instanceof ApiError && err.status === 403 ? t('notAllowed') : t('offline'),
        }),
    );
    return () => {
      current = false;
    };
  }, [path]);
  return state;
}
