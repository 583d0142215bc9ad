import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { safeReturnPath } from '@shared/redirects.js';

/**
 * Where to go after logging in or signing up: `?next=` when it is a safe path on this site
 * (`safeReturnPath`), otherwise undefined.
 */
export function readReturnPath(searchParams: URLSearchParams): string | undefined {
  const raw = searchParams.get('next');
  if (raw === null) return undefined;
  const path = safeReturnPath(raw, '');
  return path === '' ? undefined : path;
}

/** Paths the server answers itself (the click redirect): reached by loading the page, not by the router. */
export function isServerPath(path: string): boolean {
  return path.startsWith('/go/');
}

/** Leaves for `path`: a full page load for server paths, the router for the app's own pages. */
export function ReturnTo({ path }: { path: string }) {
  const { t } = useTranslation();
  const server = isServerPath(path);
  useEffect(() => {
    if (server) window.location.replace(path);
  }, [server, path]);
  if (!server) return <Navigate to={path} replace />;
  return (
    <p className="status status--loading" role="status">
      {t('go.leaving')}
    </p>
  );
}

/**
 * `/go/<slug>` with the deep link kept, written so it survives as a `?next=` value:
 * `safeReturnPath` refuses encoded slashes (`%2F`) anywhere, so the deep link keeps its `/` and `:`
 * as they are (both are allowed in a query) and only the rest is percent-encoded.
 */
export function goPath(slug: string, to: string | null): string {
  const base = `/go/${encodeURIComponent(slug)}`;
  if (to === null || to === '') return base;
  const encoded = encodeURIComponent(to).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
  return `${base}?to=${encoded}`;
}

/** A page that needs an account, coming back to `next` afterwards. */
export function withNext(page: '/login' | '/register', next: string | undefined): string {
  return next === undefined ? page : `${page}?next=${encodeURIComponent(next)}`;
}
