import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * The token of a link from one of our e-mails (`/verify-email#token=…`). It travels in the
 * fragment so it never reaches a server log or a Referer; we read it once and take it out of the
 * address bar and history straight away.
 */
export function useLinkToken(): string | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(
    () => new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? undefined,
  );

  useEffect(() => {
    if (location.hash !== '')
      void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location.hash, location.pathname, location.search, navigate]);

  return token;
}

/**
 * Runs a link's one-off action once per page view, even when React runs effects twice in
 * development: used links cannot be used again.
 */
export function useOnce(action: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    action();
  });
}
