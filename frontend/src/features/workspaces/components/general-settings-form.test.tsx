import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { invalidField, json, mockApi, staleVersion } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { makeWorkspace } from "@/testing/workspaces";
import { GeneralSettingsForm } from "./general-settings-form";

const ID = "0190c0de-0000-7000-8000-000000000001";
const PATH = `/api/v1/workspaces/${ID}`;
const v1 = makeWorkspace({ id: ID });

type User = ReturnType<typeof renderWithApp>["user"];

/** Paste rather than type: the time zone select re-renders on every keystroke. */
async function replaceText(user: User, input: HTMLElement, text: string) {
  await user.clear(input);
  await user.click(input);
  await user.paste(text);
}

describe("GeneralSettingsForm", () => {
  it("sends only the changed fields with If-Match of the version shown", async () => {
    const server = mockApi({
      [`PATCH ${PATH}`]: () => json({ ...v1, name: "Acme Ops", version: 2 }),
    });
    const { user } = renderWithApp(<GeneralSettingsForm workspace={v1} />);
    await replaceText(user, screen.getByLabelText("Workspace name"), "Acme Ops");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Workspace settings saved")).toBeInTheDocument();
    const [patch] = server.sent(`PATCH ${PATH}`);
    expect(patch?.headers.get("If-Match")).toBe('"1"');
    expect(await patch?.json()).toEqual({ name: "Acme Ops" });
  });

  it("sends the timer rounding as a number of minutes", async () => {
    const server = mockApi({
      [`PATCH ${PATH}`]: () => json({ ...v1, timer_rounding_minutes: 15, version: 2 }),
    });
    const { user } = renderWithApp(<GeneralSettingsForm workspace={v1} />);
    await user.click(screen.getByRole("textbox", { name: /Timer rounding/ }));
    await user.click(await screen.findByRole("option", { name: "Up to 15 minutes" }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Workspace settings saved")).toBeInTheDocument();
    const [patch] = server.sent(`PATCH ${PATH}`);
    expect(await patch?.json()).toEqual({ timer_rounding_minutes: 15 });
  });

  it("sends the longest token lifetime as days, and no maximum as null", async () => {
    const server = mockApi({
      [`PATCH ${PATH}`]: [
        () => json({ ...v1, max_token_lifetime_days: 90, version: 2 }),
        () => json({ ...v1, max_token_lifetime_days: null, version: 3 }),
      ],
    });
    const { user } = renderWithApp(<GeneralSettingsForm workspace={v1} />);
    const lifetime = () => screen.getByRole("textbox", { name: /Longest API token lifetime/ });
    await user.click(lifetime());
    await user.click(await screen.findByRole("option", { name: "90 days" }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Workspace settings saved");
    await user.click(lifetime());
    await user.click(await screen.findByRole("option", { name: "No maximum" }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    await waitFor(() => expect(server.sent(`PATCH ${PATH}`)).toHaveLength(2));
    const [first, second] = server.sent(`PATCH ${PATH}`);
    expect(await first?.json()).toEqual({ max_token_lifetime_days: 90 });
    expect(await second?.json()).toEqual({ max_token_lifetime_days: null });
  });

  it("on 412 loads the latest version, keeps the user's edit, and saves it on top", async () => {
    const v2 = { ...v1, timezone: "Europe/Berlin", version: 2 };
    const server = mockApi({
      [`PATCH ${PATH}`]: [
        () => staleVersion(),
        () => json({ ...v2, name: "Acme Ops", version: 3 }),
      ],
      [`GET ${PATH}`]: () => json(v2, 200, { ETag: '"2"' }),
    });
    const { user } = renderWithApp(<GeneralSettingsForm workspace={v1} />);
    await replaceText(user, screen.getByLabelText("Workspace name"), "Acme Ops");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    const banner = (await screen.findByText("Someone else changed these settings")).closest(
      '[role="alert"]',
    ) as HTMLElement;
    expect(within(banner).getByText("Europe/Berlin")).toBeInTheDocument();
    expect(screen.getByLabelText("Workspace name")).toHaveValue("Acme Ops");
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: /Time zone/ })).toHaveValue("Europe/Berlin"),
    );

    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Workspace settings saved")).toBeInTheDocument();
    const retry = server.sent(`PATCH ${PATH}`)[1];
    expect(retry?.headers.get("If-Match")).toBe('"2"');
    expect(await retry?.json()).toEqual({ name: "Acme Ops" });
    expect(screen.queryByText("Someone else changed these settings")).not.toBeInTheDocument();
  });

  it("can discard the user's edits after a 412", async () => {
    const v2 = { ...v1, name: "Acme Corp", version: 2 };
    mockApi({
      [`PATCH ${PATH}`]: () => staleVersion("Stale."),
      [`GET ${PATH}`]: () => json(v2),
    });
    const { user } = renderWithApp(<GeneralSettingsForm workspace={v1} />);
    await replaceText(user, screen.getByLabelText("Workspace name"), "Mine");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await user.click(await screen.findByRole("button", { name: "Discard my edits" }));
    expect(screen.getByLabelText("Workspace name")).toHaveValue("Acme Corp");
    expect(screen.getByRole("button", { name: "Save changes" })).toBeDisabled();
  });

  it("maps a field error from the server onto its field", async () => {
    mockApi({
      [`PATCH ${PATH}`]: () => invalidField("/timezone", "Unknown time zone"),
    });
    const { user } = renderWithApp(<GeneralSettingsForm workspace={v1} />);
    await replaceText(user, screen.getByLabelText("Workspace name"), "Acme!");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Unknown time zone")).toBeInTheDocument();
  });

  it("is read-only for members", () => {
    renderWithApp(<GeneralSettingsForm workspace={{ ...v1, role: "member" }} />);
    expect(screen.getByLabelText("Workspace name")).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Save changes" })).not.toBeInTheDocument();
  });
});
