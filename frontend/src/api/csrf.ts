export const CSRF_COOKIE = "wl_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/** The readable CSRF cookie set at sign-in; its presence also tells us a session may exist. */
export function readCsrfToken(cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return null;
}
