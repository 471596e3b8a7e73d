import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SecondFactorBody, SecondFactorRequired, SessionResponse, SignInBody } from '@pishkhan/contracts';
import { api, ApiError, rememberSession } from './api.ts';

export const SESSION_KEY = ['session'] as const;

/** The signed-in user (null when signed out); the CSRF token is remembered for writes. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        const session = await api.get<SessionResponse>('/session');
        rememberSession(session);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          rememberSession(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** Another user's data must not survive a sign-in or sign-out; the session query keeps its observers. */
function forgetAllBut(client: QueryClient) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}

export function useSessionActions() {
  const client = useQueryClient();
  const started = (session: SessionResponse) => {
    rememberSession(session);
    forgetAllBut(client);
    client.setQueryData(SESSION_KEY, session);
    return session;
  };
  return {
    /** A session, or the second-factor challenge when the account has two-step verification (202). */
    async signIn(body: SignInBody): Promise<SessionResponse | SecondFactorRequired> {
      const answer = await api.post<SessionResponse | SecondFactorRequired>('/session', body);
      return isChallenge(answer) ? answer : started(answer);
    },
    /** The second step: the challenge and an authenticator code or a recovery code. */
    async completeSecondFactor(body: SecondFactorBody) {
      return started(await api.post<SessionResponse>('/session/second-factor', body));
    },
    /** A directory (LDAP / Active Directory) login and password. */
    async signInWithDirectory(directoryId: number, body: { login: string; password: string }) {
      return started(await api.post<SessionResponse>(`/sso/directories/${directoryId}/session`, body));
    },
    async signOut() {
      await api.delete('/session').catch(() => undefined);
      rememberSession(null);
      forgetAllBut(client);
      client.setQueryData(SESSION_KEY, null);
    },
  };
}

export function isChallenge(answer: SessionResponse | SecondFactorRequired): answer is SecondFactorRequired {
  return 'challenge' in answer && answer.secondFactor === 'totp';
}
