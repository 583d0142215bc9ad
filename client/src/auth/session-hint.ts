/**
 * Whether this browser may have a session, kept in localStorage. The session cookie itself is
 * HttpOnly, and asking `GET /me` on every visit would answer most visitors 401, which browsers
 * log as a console error. So the app asks only when a login happened here before, or when the
 * shopper has just left for Facebook or MojeID (the server logs them in on the way back).
 *
 * It is a hint, never a permission: the server decides on every request, and a stale hint costs
 * one 401. A server route answering 200 with `null` for anonymous visitors would make it
 * unnecessary.
 */
const SESSION_HINT_KEY = 'vratka.session';

type Hint = 'active' | 'pending';

/** True when we should ask the server who is logged in. */
export function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT_KEY) !== null;
  } catch {
    // Storage is blocked: we cannot know, so ask.
    return true;
  }
}

export function setSessionHint(hint: Hint | null): void {
  try {
    if (hint === null) localStorage.removeItem(SESSION_HINT_KEY);
    else localStorage.setItem(SESSION_HINT_KEY, hint);
  } catch {
    // Storage is blocked; mayHaveSession() then always asks.
  }
}

/** For the links that leave for a provider's login page. */
export function markProviderLoginStarted(): void {
  setSessionHint('pending');
}

/** Calls `listener` when another tab of this site logs in (true) or out (false). */
export function onSessionHintChange(listener: (mayHaveSession: boolean) => void): () => void {
  const handler = (event: StorageEvent) => {
    if (event.key === SESSION_HINT_KEY) listener(event.newValue !== null);
  };
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
}
