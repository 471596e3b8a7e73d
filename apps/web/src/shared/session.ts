import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionResponse, SignInBody } from '@pishkhan/contracts';
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
  return {
    async signIn(body: SignInBody) {
      const session = await api.post<SessionResponse>('/session', body);
      rememberSession(session);
      forgetAllBut(client);
      client.setQueryData(SESSION_KEY, session);
      return session;
    },
    async signOut() {
      await api.delete('/session').catch(() => undefined);
      rememberSession(null);
      forgetAllBut(client);
      client.setQueryData(SESSION_KEY, null);
    },
  };
}
