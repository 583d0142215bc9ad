import { useCallback, useEffect, useState } from 'react';
import { ShopSlugParamsSchema, type ShopDetail } from '@shared/contracts/shops.js';
import { ApiError, getShop } from '../api/client.js';

export type ShopState =
  | { status: 'loading' }
  | { status: 'notFound' }
  | { status: 'error' }
  | { status: 'loaded'; shop: ShopDetail };

/** One active shop by its slug; `notFound` for an unknown, inactive or malformed one. */
export function useShop(slug: string | undefined) {
  const valid = ShopSlugParamsSchema.safeParse({ slug }).success;
  const [state, setState] = useState<ShopState>(valid ? { status: 'loading' } : { status: 'notFound' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!valid || slug === undefined) {
      setState({ status: 'notFound' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    getShop(slug, controller.signal).then(
      (shop) => setState({ status: 'loaded', shop }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
        setState({ status: missing ? 'notFound' : 'error' });
      },
    );
    return () => controller.abort();
  }, [slug, valid, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, retry };
}
