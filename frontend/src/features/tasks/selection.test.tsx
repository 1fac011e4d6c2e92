import { act, renderHook, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, mockApi } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { BulkBar } from "./components/bulk-bar";
import { useSelection } from "./selection";

describe("bulk selection", () => {
  it("ticks rows, ranges with shift, all and none, and forgets rows that left the list", () => {
    const { result, rerender } = renderHook(({ ids }) => useSelection(ids), {
      initialProps: { ids: ["a", "b", "c", "d"] },
    });
    act(() => result.current.toggle("a"));
    act(() => result.current.toggle("c", { range: true }));
    expect(result.current.selected).toEqual(["a", "b", "c"]);
    act(() => result.current.toggle("b"));
    expect(result.current.selected).toEqual(["a", "c"]);
    rerender({ ids: ["a", "b", "d"] });
    expect(result.current.selected).toEqual(["a"]);
    act(() => result.current.toggleAll());
    expect(result.current.allSelected).toBe(true);
    act(() => result.current.toggleAll());
    expect(result.current.selected).toEqual([]);
  });

  it("sends one atomic bulk change for every ticked task", async () => {
    const WS = "w1";
    const server = mockApi({
      [`POST /api/v1/workspaces/${WS}/tasks/bulk`]: () => json({ items: [] }),
    });
    const { user } = renderWithApp(
      <BulkBar
        workspaceId={WS}
        selected={["t1", "t2"]}
        statuses={[
          { id: "s1", project_id: "p1", name: "Todo", category: "todo", position: 1, version: 1 },
          { id: "s2", project_id: "p1", name: "Done", category: "done", position: 2, version: 1 },
        ]}
        members={[]}
        labels={[]}
        onClear={() => {}}
      />,
    );
    expect(screen.getByText("2 selected")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Status" }));
    await user.click(await screen.findByRole("option", { name: "Done" }));
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    expect(await server.requests[0]?.json()).toEqual({
      task_ids: ["t1", "t2"],
      changes: { status_id: "s2" },
    });
    expect(await screen.findByText("Moved 2 tasks")).toBeInTheDocument();
  });
});
