import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { $api, api, unwrap } from "@/api/client";
import { readCsrfToken } from "@/api/csrf";
import { ApiError, isApiError } from "@/api/errors";
import type { components } from "@/api/schema";

export type User = components["schemas"]["User"];
export type LogIn = components["schemas"]["LogIn"];
export type SignUp = components["schemas"]["SignUp"];
export type PasswordChange = components["schemas"]["PasswordChange"];

export const sessionKey = $api.queryOptions("get", "/api/v1/me").queryKey;

/** The signed-in user, or null. Without the CSRF cookie there is no session to ask about. */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async ({ signal }): Promise<User | null> => {
    if (!readCsrfToken()) return null;
    try {
      return unwrap(await api.GET("/api/v1/me", { signal }));
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** A new session starts from an empty cache: nothing another account loaded may leak into it. */
function useStartSession() {
  const queryClient = useQueryClient();
  return (user: User) => {
    queryClient.clear();
    queryClient.setQueryData(sessionKey, user);
  };
}

export function useLogIn() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: LogIn) => unwrap(await api.POST("/api/v1/auth/login", { body })),
    onSuccess: startSession,
  });
}

/**
 * Sign up, then sign in with the same email and password. Sign-up answers alike whether or not
 * the email was free (nobody learns which addresses have accounts); signing in then works only
 * for the address' owner, so a taken address ends here with a hint to sign in instead.
 */
export function useSignUp() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: SignUp) => {
      await api.POST("/api/v1/auth/signup", { body });
      try {
        return unwrap(
          await api.POST("/api/v1/auth/login", {
            body: { email: body.email, password: body.password },
          }),
        );
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          throw new ApiError(401, {
            code: "signup_not_signed_in",
            detail:
              "We couldn't sign you in with these details. If this email already has an " +
              "account, sign in with its password instead.",
          });
        }
        throw error;
      }
    },
    onSuccess: startSession,
  });
}

/**
 * End this session (`logout`) or every one (`logout-everywhere`), then leave with a full page
 * load to /login: nothing the account loaded survives in memory, and no guard can race the
 * redirect (it would add a `next` back to the page we left).
 */
function useSignOutAt(path: "/api/v1/auth/logout" | "/api/v1/auth/logout-everywhere") {
  return useMutation({
    mutationFn: async () => {
      await api.POST(path);
    },
    onSuccess: () => window.location.replace("/login"),
  });
}

export function useLogOut() {
  return useSignOutAt("/api/v1/auth/logout");
}

/** A new password; the server ends every other session of the account, and keeps this one. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: PasswordChange) => {
      await api.POST("/api/v1/auth/password", { body });
    },
  });
}

/** End every session of the account, this one too, and leave as `useLogOut` does. */
export function useSignOutEverywhere() {
  return useSignOutAt("/api/v1/auth/logout-everywhere");
}

/** Whether anyone may sign up here: the sign-in screen hides its link when not. */
export function useAuthConfig() {
  return $api.useQuery("get", "/api/v1/auth/config", {}, { staleTime: 5 * 60_000 });
}
