import { ColorInput, Drawer, Modal, Notification } from "@mantine/core";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithApp } from "@/testing/render";

describe("theme", () => {
  it("names the close button of every modal, drawer and notification", async () => {
    renderWithApp(
      <>
        <Modal opened onClose={() => {}} title="A modal">
          Body
        </Modal>
        <Drawer opened onClose={() => {}} title="A drawer">
          Body
        </Drawer>
        <Notification title="Saved">Done</Notification>
      </>,
    );
    for (const name of ["A modal", "A drawer"]) {
      const dialog = await screen.findByRole("dialog", { name });
      expect(within(dialog).getByRole("button", { name: "Close" })).toBeInTheDocument();
    }
    expect(screen.getAllByRole("button", { name: "Close" })).toHaveLength(3);
  });

  it("names the eyedropper of a colour field", async () => {
    vi.stubGlobal("EyeDropper", class {});
    renderWithApp(<ColorInput label="Colour" />);
    expect(
      await screen.findByRole("button", { name: "Pick a colour from the screen" }),
    ).toBeInTheDocument();
  });
});
