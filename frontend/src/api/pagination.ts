import {
  type InfiniteData,
  type QueryClient,
  type QueryKey,
  useInfiniteQuery,
} from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { api, unwrap } from "./client";
import type { paths } from "./schema";

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** What the cache holds for a paged list. */
export type CachedPages<T> = InfiniteData<Page<T>, string | undefined>;

type FetchPage<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

/**
 * A keyset-paginated list (`{items, next_cursor}`) as one infinite query.
 * `all: true` keeps following `next_cursor` until the last page (for pickers and trees, which
 * need every row); otherwise the caller offers "Load more".
 */
export function usePagedList<T>(
  queryKey: QueryKey,
  fetchPage: FetchPage<T>,
  { all = false, enabled = true }: { all?: boolean; enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey: [...queryKey, "pages"],
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (all && hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [all, hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  // The same array until a page changes, so what callers derive from it is computed once per
  // change (the timeline joins thousands of rows from it).
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items), [query.data]);
  return { ...query, items, isComplete: Boolean(query.data) && !hasNextPage };
}

/** Apply `change` to every row of every cached page of a list (optimistic updates). */
export function mapPages<T>(
  data: CachedPages<T> | undefined,
  change: (item: T) => T,
): CachedPages<T> | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(change) })) };
}

/** Remove matching rows from every cached page of a list. */
export function filterPages<T>(
  data: CachedPages<T> | undefined,
  keep: (item: T) => boolean,
): CachedPages<T> | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, items: page.items.filter(keep) })),
  };
}

/** A row deleted on the server: out of every cached page under `queryKey` at once, then refetched. */
export function dropFromLists(queryClient: QueryClient, queryKey: QueryKey, id: string) {
  queryClient.setQueriesData<CachedPages<{ id: string }>>({ queryKey }, (data) =>
    filterPages(data, (row) => row.id !== id),
  );
  return queryClient.invalidateQueries({ queryKey });
}

type GetOperation<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type Answer<O> = O extends { responses: { 200: { content: { "application/json": infer B } } } }
  ? B
  : never;
type Parameters<P extends keyof paths> =
  GetOperation<P> extends { parameters: infer Q } ? Q : never;

/** Every GET of the API that answers a keyset page (`{items, next_cursor}`). */
export type PagedPath = {
  [P in keyof paths]: Answer<GetOperation<P>> extends Page<unknown> ? P : never;
}[keyof paths];

type ItemOf<P extends PagedPath> = Answer<GetOperation<P>> extends Page<infer T> ? T : never;

/** A paged GET's path and query parameters; the cursor is the hook's to follow. */
export type PagedParams<P extends PagedPath> = Pick<Parameters<P>, "path" & keyof Parameters<P>> & {
  query?: Omit<NonNullable<Parameters<P> extends { query?: infer Q } ? Q : never>, "cursor">;
};

/**
 * A paged list of the API, `GET path` with `params`, cached under the operation's own key
 * (`["get", path, {params}]`, what `$api.queryOptions` gives, so invalidating the operation
 * reaches every page). Options as for `usePagedList`.
 */
export function usePagedGet<P extends PagedPath>(
  path: P,
  params: PagedParams<P>,
  options: { all?: boolean; enabled?: boolean } = {},
) {
  // One call for every paged path: openapi-fetch cannot check a path that is only a type
  // parameter, and `PagedParams` already holds each path to its own parameters.
  const get = api.GET as unknown as (
    path: P,
    init: { params: { path?: unknown; query: object }; signal: AbortSignal },
  ) => Promise<{ data?: Page<ItemOf<P>> }>;
  return usePagedList<ItemOf<P>>(
    ["get", path, { params }],
    async (cursor, signal) =>
      unwrap(
        await get(path, { params: { ...params, query: { ...params.query, cursor } }, signal }),
      ),
    options,
  );
}
