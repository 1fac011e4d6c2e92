import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithApp } from "@/testing/render";
import { LevelingDelay } from "./fields";

describe("LevelingDelay", () => {
  it("says how long leveling delayed the task and clears it on request", async () => {
    const onClear = vi.fn();
    const { user } = renderWithApp(<LevelingDelay days={3} onClear={onClear} />);

    expect(screen.getByText("Delayed 3 working days by leveling")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear" }));

    expect(onClear).toHaveBeenCalledOnce();
  });

  it("offers no clearing to someone who cannot edit the task", () => {
    renderWithApp(<LevelingDelay days={1} disabled onClear={() => {}} />);

    expect(screen.getByText("Delayed 1 working day by leveling")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Clear" })).toBeNull();
  });
});
