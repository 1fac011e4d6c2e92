import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { useUrlFilters } from "./use-search-param";

interface Filters {
  owner: string | null;
  tags: string[];
  done: boolean | null;
  sort: string;
}

function read(params: URLSearchParams): Filters {
  return {
    owner: params.get("owner_id"),
    tags: params.get("tags")?.split(",").filter(Boolean) ?? [],
    done: { true: true, false: false }[params.get("done") ?? ""] ?? null,
    sort: params.get("sort") ?? "position",
  };
}

const OPTIONS = { names: { owner: "owner_id" }, defaults: { sort: "position" } };

function renderFilters(url: string) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
  return renderHook(
    () => {
      const [filters, update] = useUrlFilters(read, OPTIONS);
      return { filters, update, search: useLocation().search };
    },
    { wrapper },
  );
}

describe("useUrlFilters", () => {
  it("reads the filters from the URL", () => {
    const { result } = renderFilters("/?owner_id=m1&tags=a,b&done=false");
    expect(result.current.filters).toEqual({
      owner: "m1",
      tags: ["a", "b"],
      done: false,
      sort: "position",
    });
  });

  it("writes changed filters under their parameter names and keeps the others", () => {
    const { result } = renderFilters("/?owner_id=m1");
    act(() => result.current.update({ tags: ["a", "b"], done: true, sort: "-due" }));
    expect(new URLSearchParams(result.current.search).toString()).toBe(
      "owner_id=m1&tags=a%2Cb&done=true&sort=-due",
    );
  });

  it("removes a filter that is emptied or back at its default", () => {
    const { result } = renderFilters("/?owner_id=m1&tags=a&sort=-due");
    act(() => result.current.update({ owner: null, tags: [], sort: "position" }));
    expect(result.current.search).toBe("");
  });
});
