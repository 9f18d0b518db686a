/** Who is signed in: asked once to `GET /api/auth/me`, changed by sign-in and sign-out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, call, setCsrfToken, setSessionLostHandler } from './api.ts';
import { queryClient } from './query.ts';
import * as auth from '../../src/contract/auth.ts';
import type { User } from './types.ts';

type State = { status: 'loading' } | { status: 'anonymous'; expired: boolean } | { status: 'signedIn'; user: User };

interface SessionApi {
  state: State;
  user: User | null;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    call(auth.getOwnSession, {})
      .then((session) => {
        if (!live) return;
        setCsrfToken(session.csrfToken);
        setState({ status: 'signedIn', user: session.user });
      })
      .catch(() => {
        if (live) setState({ status: 'anonymous', expired: false });
      });
    setSessionLostHandler(() => {
      queryClient.clear();
      setCsrfToken(null);
      setState({ status: 'anonymous', expired: true });
    });
    return () => {
      live = false;
      setSessionLostHandler(null);
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const session = await call(auth.signIn, { body: { username, password } });
    // answers cached for the previous user are never shown to this one
    queryClient.clear();
    setCsrfToken(session.csrfToken);
    setState({ status: 'signedIn', user: session.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await call(auth.signOut, {});
    } catch (error) {
      // An already-closed session is signed out anyway; anything else is worth reporting.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      queryClient.clear();
      setCsrfToken(null);
      setState({ status: 'anonymous', expired: false });
    }
  }, []);

  const value = useMemo<SessionApi>(
    () => ({ state, user: state.status === 'signedIn' ? state.user : null, signIn, signOut }),
    [state, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
