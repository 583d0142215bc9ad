import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Me } from '@shared/contracts/accounts.js';
import { LEGAL_VERSIONS, legalState } from '@shared/legal.js';
import {
  getSession,
  logout as logoutRequest,
  onUnauthenticated,
  type LegalVersionsNow,
  type ProviderAvailability,
} from '../api/client.js';

type AuthState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; me: Me | null };

export interface AuthContextValue {
  status: AuthState['status'];
  /** The logged-in shopper; `null` when nobody is logged in or while we do not know yet. */
  me: Me | null;
  /** Social logins this instance offers; none until the server has answered. */
  providers: ProviderAvailability;
  /**
   * The terms and privacy notice in effect and any announced change. The server's answer once it
   * has come (its date decides); until then, the published versions by this browser's date.
   */
  legal: LegalVersionsNow;
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

const NO_PROVIDERS: ProviderAvailability = { facebook: false, mojeid: false };
const PUBLISHED_LEGAL: LegalVersionsNow = legalState(LEGAL_VERSIONS, new Date());

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

/**
 * Tells this site's other tabs that someone logged in or out here, so they ask the server again.
 * Only a nudge: nothing about the user travels, and the server decides on every request.
 */
function sessionChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('vratka.session');
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [providers, setProviders] = useState<ProviderAvailability>(NO_PROVIDERS);
  const [legal, setLegal] = useState<LegalVersionsNow>(PUBLISHED_LEGAL);
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  const currentUserId = useRef<string | null | undefined>(undefined);

  const apply = useCallback((me: Me | null) => {
    currentUserId.current = me?.id ?? null;
    setState({ status: 'ready', me });
  }, []);

  /** Like `apply`, and other tabs hear about it when the person logged in changed. */
  const applyAndTell = useCallback(
    (me: Me | null) => {
      const changed = currentUserId.current !== (me?.id ?? null);
      apply(me);
      if (changed) channel.current?.postMessage('changed');
    },
    [apply],
  );

  const refresh = useCallback(async () => {
    try {
      const session = await getSession();
      setProviders(session.providers);
      setLegal(session.legal);
      apply(session.user);
    } catch {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }));
    }
  }, [apply]);

  useEffect(() => {
    const controller = new AbortController();
    getSession(controller.signal).then(
      (session) => {
        setProviders(session.providers);
        setLegal(session.legal);
        apply(session.user);
      },
      () => {
        if (!controller.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => controller.abort();
  }, [apply]);

  // A change answered "log in first" means the session ended elsewhere (expired, revoked).
  useEffect(() => onUnauthenticated(() => apply(null)), [apply]);

  // Logging in or out in another tab shows up here too.
  useEffect(() => {
    const opened = sessionChannel();
    channel.current = opened;
    if (!opened) return;
    opened.onmessage = () => void refresh();
    return () => {
      opened.close();
      if (channel.current === opened) channel.current = undefined;
    };
  }, [refresh]);

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
        applyAndTell(null);
      });
    },
    [applyAndTell],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      status: state.status,
      me: state.status === 'ready' ? state.me : null,
      providers,
      legal,
      refresh,
      setMe: applyAndTell,
      logout,
    }),
    [state, providers, legal, refresh, applyAndTell, logout],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The logged-in shopper and what can be done with the session. */
export function useMe(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useMe() needs <AuthProvider> above it');
  return value;
}
