import { useCallback } from "react";
import { useSearchParams } from "react-router";

/**
 * One URL search parameter as state, e.g. `?new=team` opens the create dialog and `?team=<id>`
 * the team drawer: dialogs are deep-linkable, and the command palette opens them by navigating.
 */
export function useSearchParam(name: string): [string | null, (value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (value: string | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === null) next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: value === null },
      ),
    [name, setParams],
  );
  return [params.get(name), set];
}

/**
 * Sets the URL search parameters named in `values` (an empty value removes one) and keeps the
 * others, replacing the history entry: for filters kept in the URL, which change as one types.
 */
export function useReplaceSearchParams(): (
  values: Record<string, string | null | undefined>,
) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (values) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(values)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
}
