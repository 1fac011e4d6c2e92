import { useCallback, useMemo } from "react";
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

/** A filter's value as a search parameter: a list joined by commas, yes or no as true/false. */
function encodeFilter(value: unknown): string | null | undefined {
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "boolean") return String(value);
  return value as string | null | undefined;
}

/**
 * Filters kept in the URL, so a filtered view can be shared or reloaded: `read` turns the search
 * parameters into filters, and a change writes each changed filter to its parameter (its name in
 * `names`, else the filter's own) or removes it when empty or back at its value in `defaults`.
 * Pass `read` and the options as module constants: they are the update's dependencies.
 */
export function useUrlFilters<T extends object>(
  read: (params: URLSearchParams) => T,
  {
    names = {},
    defaults = {},
  }: { names?: Partial<Record<keyof T & string, string>>; defaults?: Partial<T> } = {},
): [T, (changes: Partial<T>) => void] {
  const [params] = useSearchParams();
  const filters = useMemo(() => read(params), [read, params]);
  const replace = useReplaceSearchParams();
  const update = useCallback(
    (changes: Partial<T>) => {
      const values: Record<string, string | null | undefined> = {};
      for (const key of Object.keys(changes) as (keyof T & string)[]) {
        const value = changes[key];
        values[names[key] ?? key] = value === defaults[key] ? null : encodeFilter(value);
      }
      replace(values);
    },
    [replace, names, defaults],
  );
  return [filters, update];
}
