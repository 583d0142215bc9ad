import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { Me } from '@shared/contracts/accounts.js';
import { getMe, logout as logoutRequest, onUnauthenticated } from '../api/client.js';
import { mayHaveSession, onSessionHintChange, setSessionHint } from './session-hint.js';

type AuthState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; me: Me | null };

export interface AuthContextValue {
  status: AuthState['status'];
  /** The logged-in shopper; `null` when nobody is logged in or while we do not know yet. */
  me: Me | null;
  /** Asks the server again, e.g. after a link from an e-mail changed the account. */
  refresh: () => Promise<void>;
  /** Takes a fresh profile from an answer (login, profile change) without asking again. */
  setMe: (me: Me | null) => void;
  /**
   * Ends the session. `thenGoTo` runs in the same transition as forgetting the user, so a page
   * that needs a login is left before it could redirect to the login form itself.
   */
  logout: (thenGoTo?: () => void) => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

function initialState(): AuthState {
  return mayHaveSession() ? { status: 'loading' } : { status: 'ready', me: null };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(initialState);

  const apply = useCallback((me: Me | null) => {
    setSessionHint(me ? 'active' : null);
    setState({ status: 'ready', me });
  }, []);

  const refresh = useCallback(async () => {
    if (!mayHaveSession()) {
      setState({ status: 'ready', me: null });
      return;
    }
    try {
      apply(await getMe());
    } catch {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }));
    }
  }, [apply]);

  useEffect(() => {
    if (!mayHaveSession()) return;
    const controller = new AbortController();
    getMe(controller.signal).then(apply, () => {
      if (!controller.signal.aborted) setState({ status: 'error' });
    });
    return () => controller.abort();
  }, [apply]);

  // A change answered "log in first" means the session ended elsewhere (expired, revoked).
  useEffect(() => onUnauthenticated(() => apply(null)), [apply]);

  // Logging in or out in another tab shows up here too.
  useEffect(
    () =>
      onSessionHintChange((mayHave) => {
        if (mayHave) void refresh();
        else setState({ status: 'ready', me: null });
      }),
    [refresh],
  );

  const logout = useCallback(
    async (thenGoTo?: () => void) => {
      try {
        await logoutRequest();
      } catch {
        // Already logged out on the server (expired session): the browser forgets the user anyway.
      }
      // React Router navigates in a transition; forgetting the user in the same one commits both
      // together.
      startTransition(() => {
        thenGoTo?.();
        apply(null);
      });
    },
    [apply],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      status: state.status,
      me: state.status === 'ready' ? state.me : null,
      refresh,
      setMe: apply,
      logout,
    }),
    [state, refresh, apply, logout],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The logged-in shopper and what can be done with the session. */
export function useMe(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useMe() needs <AuthProvider> above it');
  return value;
}
