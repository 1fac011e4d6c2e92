import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi, onePage } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { makeTask } from "@/testing/tasks";
import { PriorityField } from "./fields";
import { TaskQuickPick } from "./quick-pick";
import { TaskPanel } from "./task-panel";

const WS = "0190c0de-0000-7000-8000-000000000001";

describe("Escape in the task panel", () => {
  it("closes a field picker first, and the panel only on the next Escape", async () => {
    const onClose = vi.fn();
    const { user } = renderWithApp(
      <TaskPanel taskKey="OPS-42" onClose={onClose}>
        <PriorityField taskKey="OPS-42" priority="none" onChange={() => {}} />
      </TaskPanel>,
    );
    const trigger = await screen.findByRole("button", { name: /Priority of OPS-42/ });
    await user.click(trigger);
    const picker = await screen.findByRole("combobox", { name: "Change priority" });
    await vi.waitFor(() => expect(picker).toHaveFocus());

    await user.keyboard("{Escape}");
    await vi.waitFor(() =>
      expect(screen.queryByRole("combobox", { name: "Change priority" })).not.toBeInTheDocument(),
    );
    expect(onClose).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(trigger).toHaveFocus());

    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("closes the assign picker (a) without closing the panel under it", async () => {
    mockApi({
      [`GET /api/v1/workspaces/${WS}/tasks/t1`]: () => json(makeTask()),
      [`GET /api/v1/workspaces/${WS}/projects/p1/statuses`]: () => onePage([]),
      [`GET /api/v1/workspaces/${WS}/members`]: () => onePage([]),
    });
    const onClosePanel = vi.fn();
    const onClosePicker = vi.fn();
    const { user } = renderWithApp(
      <>
        <TaskPanel taskKey="OPS-42" onClose={onClosePanel}>
          <p>OPS-42</p>
        </TaskPanel>
        <TaskQuickPick workspaceId={WS} taskId="t1" mode="assign" onClose={onClosePicker} />
      </>,
    );
    await screen.findByRole("combobox", { name: "Assign" });

    await user.keyboard("{Escape}");
    expect(onClosePicker).toHaveBeenCalledTimes(1);
    expect(onClosePanel).not.toHaveBeenCalled();
  });
});
