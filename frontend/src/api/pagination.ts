import { type InfiniteData, type QueryKey, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";

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
