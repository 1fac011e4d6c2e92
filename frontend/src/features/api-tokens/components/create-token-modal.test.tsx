import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import type { ApiTokenCreated } from "../api";
import { CreateTokenModal, expiryChoices } from "./create-token-modal";

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
  const rendered = renderWithApp(
    <CreateTokenModal workspaceId={WS} maxLifetimeDays={null} opened onClose={onClose} />,
  );
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

describe("the expiry choices", () => {
  it("offer no expiry when the workspace sets no maximum", () => {
    expect(expiryChoices(null).map((choice) => choice.value)).toEqual(["30", "90", "365", "never"]);
  });

  it("stop at the workspace's maximum lifetime, which is one of them", () => {
    expect(expiryChoices(90).map((choice) => choice.value)).toEqual(["30", "90"]);
    expect(expiryChoices(60)).toEqual([
      { value: "30", label: "30 days" },
      { value: "60", label: "60 days (the maximum)" },
    ]);
  });

  it("say so in the dialog, and ask for an expiry within it", async () => {
    const server = mockApi({ [`POST ${LIST}`]: () => json(created, 201) });
    const { user } = renderWithApp(
      <CreateTokenModal workspaceId={WS} maxLifetimeDays={60} opened onClose={vi.fn()} />,
    );
    expect(await screen.findByText("This workspace allows at most 60 days.")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: /Name/ }), "CI deploy");
    await user.click(screen.getByRole("button", { name: "Create token" }));

    await screen.findByTestId("token-secret");
    const body = await server.sent(`POST ${LIST}`)[0]?.json();
    const days = (Date.parse(body.expires_at) - Date.now()) / (24 * 3600 * 1000);
    expect(days).toBeGreaterThan(59);
    expect(days).toBeLessThanOrEqual(60);
  });
});
