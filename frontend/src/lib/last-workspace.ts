const KEY = "worklane:last-workspace";

/** The workspace to open at `/`: the one the user was last in, on this browser. */
export function rememberWorkspace(workspaceId: string): void {
  try {
    localStorage.setItem(KEY, workspaceId);
  } catch {
    // Storage can be unavailable (private mode); we then open the first workspace.
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
