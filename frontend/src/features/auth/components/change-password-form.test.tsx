import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { invalidField, mockApi, noContent } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { ChangePasswordForm } from "./change-password-form";

const PATH = "POST /api/v1/auth/password";

async function fill(
  user: ReturnType<typeof renderWithApp>["user"],
  current: string,
  fresh: string,
  repeated = fresh,
) {
  await user.type(screen.getByLabelText("Current password"), current);
  await user.type(screen.getByLabelText(/^New password/), fresh);
  await user.type(screen.getByLabelText("Repeat the new password"), repeated);
  await user.click(screen.getByRole("button", { name: "Change password" }));
}

describe("ChangePasswordForm", () => {
  it("sends the current and the new password, then empties the form", async () => {
    const server = mockApi({ [PATH]: () => noContent() });
    const { user } = renderWithApp(<ChangePasswordForm />);
    await fill(user, "old password", "a brand new one");

    expect(await screen.findByText(/Password changed/)).toBeInTheDocument();
    expect(await server.sent(PATH)[0]?.json()).toEqual({
      current_password: "old password",
      new_password: "a brand new one",
    });
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });

  it("asks for the same new password twice before sending anything", async () => {
    const server = mockApi({ [PATH]: () => noContent() });
    const { user } = renderWithApp(<ChangePasswordForm />);
    await fill(user, "old password", "a brand new one", "a brand new two");

    expect(
      await screen.findByText("This is not the same as the new password."),
    ).toBeInTheDocument();
    expect(server.sent(PATH)).toHaveLength(0);
  });

  it("shows a wrong current password on its field", async () => {
    mockApi({
      [PATH]: () =>
        invalidField(
          "/current_password",
          "is not your current password",
          "is not your current password",
        ),
    });
    const { user } = renderWithApp(<ChangePasswordForm />);
    await fill(user, "not it", "a brand new one");

    await screen.findByText("is not your current password");
    expect(screen.getByLabelText("Current password")).toHaveAccessibleDescription(
      "is not your current password",
    );
  });
});
