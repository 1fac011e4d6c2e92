import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { invalidField, json, mockApi, problem } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { SignupForm } from "./signup-form";

async function fillAndSubmit(user: ReturnType<typeof renderWithApp>["user"]) {
  await user.type(screen.getByLabelText("Full name"), "Ada Lovelace");
  await user.type(screen.getByLabelText("Work email"), "ada@example.com");
  await user.type(screen.getByLabelText(/^Password/), "correct horse");
  await user.click(screen.getByRole("button", { name: "Create account" }));
}

describe("SignupForm", () => {
  it("shows a field error from the problem's pointer on that field", async () => {
    mockApi({
      "POST /api/v1/auth/signup": () =>
        invalidField("/email", "The email domain does not accept mail."),
    });
    const onSignedUp = vi.fn();
    const { user } = renderWithApp(<SignupForm onSignedUp={onSignedUp} />);
    await fillAndSubmit(user);

    const email = screen.getByLabelText("Work email");
    expect(await screen.findByText("The email domain does not accept mail.")).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveFocus();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(onSignedUp).not.toHaveBeenCalled();
  });

  it("shows a problem without field errors above the form", async () => {
    mockApi({
      "POST /api/v1/auth/signup": () =>
        problem(409, { code: "email_taken", detail: "An account with this email already exists." }),
    });
    const { user } = renderWithApp(<SignupForm onSignedUp={vi.fn()} />);
    await fillAndSubmit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "An account with this email already exists.",
    );
  });

  it("sends the form as SignUp, then signs in with it and reports the user", async () => {
    const created = {
      id: "u1",
      email: "ada@example.com",
      name: "Ada Lovelace",
      created_at: "2026-01-01T00:00:00Z",
    };
    const server = mockApi({
      "POST /api/v1/auth/signup": () => json({ detail: "Sign in next." }, 202),
      "POST /api/v1/auth/login": () => json(created),
    });
    const onSignedUp = vi.fn();
    const { user } = renderWithApp(<SignupForm onSignedUp={onSignedUp} />);
    await fillAndSubmit(user);
    await vi.waitFor(() => expect(onSignedUp).toHaveBeenCalledWith(created));
    expect(await server.requests[0]?.json()).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
      password: "correct horse",
    });
    expect(await server.requests[1]?.json()).toEqual({
      email: "ada@example.com",
      password: "correct horse",
    });
  });

  it("suggests signing in when the new account's sign-in fails", async () => {
    mockApi({
      "POST /api/v1/auth/signup": () => json({ detail: "Sign in next." }, 202),
      "POST /api/v1/auth/login": () =>
        problem(401, { code: "invalid_credentials", detail: "Invalid email or password." }),
    });
    const onSignedUp = vi.fn();
    const { user } = renderWithApp(<SignupForm onSignedUp={onSignedUp} />);
    await fillAndSubmit(user);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "If this email already has an account, sign in with its password instead.",
    );
    expect(onSignedUp).not.toHaveBeenCalled();
  });
});
