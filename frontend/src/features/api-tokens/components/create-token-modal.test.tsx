import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import type { ApiTokenCreated } from "../api";
import { CreateTokenModal } from "./create-token-modal";

const WS = "0190c0de-0000-7000-8000-000000000001";
const LIST = `/api/v1/workspaces/${WS}/api-tokens`;

const created: ApiTokenCreated = {
  id: "k1",
  member_id: "m1",
  name: "CI deploy",
  prefix: "wl_abc",
  scopes: ["workspace:read"],
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
  created_at: "2026-01-01T00:00:00Z",
  version: 1,
  token: "wl_abc_secret",
};

async function showSecret() {
  mockApi({ [`POST ${LIST}`]: () => json(created, 201) });
  const onClose = vi.fn();
  const rendered = renderWithApp(<CreateTokenModal workspaceId={WS} opened onClose={onClose} />);
  const { user } = rendered;
  await user.type(await screen.findByRole("textbox", { name: /Name/ }), "CI deploy");
  await user.click(screen.getByRole("button", { name: "Create token" }));
  expect(await screen.findByTestId("token-secret")).toHaveTextContent("wl_abc_secret");
  return { user, onClose };
}

describe("the new token's one-time secret", () => {
  it("stays open on Escape", async () => {
    const { user, onClose } = await showSecret();
    await user.keyboard("{Escape}");
    expect(screen.getByTestId("token-secret")).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("asks before the × closes it", async () => {
    const { user, onClose } = await showSecret();
    const dialog = screen.getByRole("dialog", { name: "Copy your new token" });
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    const confirm = await screen.findByRole("dialog", { name: "Close without the token?" });
    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(screen.getByTestId("token-secret")).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    await user.click(await screen.findByRole("button", { name: "Close anyway" }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });

  it("closes on Done without asking", async () => {
    const { user, onClose } = await showSecret();
    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByText("Close without the token?")).not.toBeInTheDocument();
  });
});
