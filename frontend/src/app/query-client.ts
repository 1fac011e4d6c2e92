import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError } from "@/api/errors";
import { sessionKey } from "@/features/auth/api";

/** A 401 anywhere means the session ended: forget the user, and the guard sends them to sign in. */
function onUnauthorized(queryClient: QueryClient, error: unknown) {
  if (isApiError(error) && error.status === 401) queryClient.setQueryData(sessionKey, null);
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onUnauthorized(queryClient, error) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthorized(queryClient, error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retrying a 4xx cannot help; retry only network failures and 5xx, twice.
        retry: (failures, error) =>
          failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
