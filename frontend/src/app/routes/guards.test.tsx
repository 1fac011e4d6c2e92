import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { json, mockApi } from "@/testing/api";
import { GuestOnly, RequireSession } from "./guards";

function Where() {
  const location = useLocation();
  return <p>at {`${location.pathname}${location.search}`}</p>;
}

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { element: <GuestOnly />, children: [{ path: "/login", element: <Where /> }] },
      { element: <RequireSession />, children: [{ path: "*", element: <Where /> }] },
    ],
    { initialEntries: [path] },
  );
  render(
    <MantineProvider>
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe("session guards", () => {
  it("sends a signed-out visitor to /login with the deep link to come back to", async () => {
    const server = mockApi({});
    renderAt("/w/abc/settings/teams?team=t1");
    expect(
      await screen.findByText(
        `at /login?next=${encodeURIComponent("/w/abc/settings/teams?team=t1")}`,
      ),
    ).toBeInTheDocument();
    // No CSRF cookie means no session: the server is not even asked.
    expect(server.requests).toHaveLength(0);
  });

  it("lets a signed-in user through, and sends them on from /login", async () => {
    document.cookie = "wl_csrf=abc; path=/";
    mockApi({
      "GET /api/v1/me": () =>
        json({
          id: "u1",
          email: "ada@example.com",
          name: "Ada",
          created_at: "2026-01-01T00:00:00Z",
        }),
    });
    renderAt("/login?next=%2Fw%2Fabc");
    expect(await screen.findByText("at /w/abc")).toBeInTheDocument();
  });
});
