import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/api/errors";
import { applyProblemToForm, notBlank } from "./forms";

type Values = { email: string; name: string };

describe("applyProblemToForm", () => {
  it("puts each pointer on its field and leaves no form-level message when all are mapped", () => {
    const setError = vi.fn();
    const error = new ApiError(422, {
      detail: "Invalid input",
      errors: [
        { pointer: "/email", detail: "taken" },
        { pointer: "/name", detail: "too long" },
      ],
    });
    expect(applyProblemToForm<Values>(error, setError, ["email", "name"])).toBeNull();
    expect(setError).toHaveBeenCalledWith(
      "email",
      { type: "server", message: "taken" },
      { shouldFocus: true },
    );
    expect(setError).toHaveBeenCalledWith(
      "name",
      { type: "server", message: "too long" },
      { shouldFocus: false },
    );
  });

  it("returns the detail when a pointer names no field of the form", () => {
    const setError = vi.fn();
    const error = new ApiError(422, {
      detail: "Invalid input",
      errors: [{ pointer: "/scopes/0", detail: "unknown scope" }],
    });
    expect(applyProblemToForm<Values>(error, setError, ["email", "name"])).toBe("Invalid input");
    expect(setError).not.toHaveBeenCalled();
  });

  it("returns the detail of a problem without field errors", () => {
    const error = new ApiError(409, {
      code: "email_taken",
      detail: "An account with this email already exists.",
    });
    expect(applyProblemToForm<Values>(error, vi.fn(), ["email"])).toBe(
      "An account with this email already exists.",
    );
  });

  it("puts a problem whose code names a field onto that field", () => {
    const setError = vi.fn();
    const error = new ApiError(409, {
      code: "email_taken",
      detail: "An account with this email already exists.",
    });
    expect(applyProblemToForm<Values>(error, setError, ["email"], { email_taken: "email" })).toBe(
      null,
    );
    expect(setError).toHaveBeenCalledWith(
      "email",
      { type: "server", message: "An account with this email already exists." },
      { shouldFocus: true },
    );
  });
});

describe("notBlank", () => {
  it("refuses white space alone with its message and accepts any other text", () => {
    const { validate } = notBlank("Give it a name.");
    expect(validate("   ")).toBe("Give it a name.");
    expect(validate(" Ops ")).toBe(true);
  });
});
