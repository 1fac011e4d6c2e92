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
