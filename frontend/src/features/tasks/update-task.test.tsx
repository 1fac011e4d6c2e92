import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { json, mockApi, staleVersion } from "@/testing/api";
import { makeTask } from "@/testing/tasks";
import { type Task, taskOptions, useUpdateTask } from "./api";

const WS = "0190c0de-0000-7000-8000-000000000001";
const TASK = `/api/v1/workspaces/${WS}/tasks/t1`;

function task(version: number, changes: Partial<Task> = {}): Task {
  return makeTask({ version, ...changes });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** `ui` over a cached task at version 1, as a user sees it in a list. */
function renderOverCachedTask(ui: ReactElement) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const key = taskOptions(WS, "t1").queryKey;
  queryClient.setQueryData(key, task(1));
  const user = userEvent.setup();
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <Notifications />
        {ui}
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { queryClient, key, user };
}

function QuickEdits({ current }: { current: Task }) {
  // Two controls of one screen, as the detail panel has: both hold the task as rendered.
  const priority = useUpdateTask(WS);
  const status = useUpdateTask(WS);
  return (
    <>
      <button
        type="button"
        onClick={() => priority.mutate({ task: current, changes: { priority: "high" } })}
      >
        Make it high
      </button>
      <button
        type="button"
        onClick={() => status.mutate({ task: current, changes: { status_id: "s-doing" } })}
      >
        Start it
      </button>
    </>
  );
}

describe("changing a task someone else changed (412)", () => {
  it("rolls back, loads the latest, says so, and re-applies the change on request", async () => {
    const first = deferred<Response>();
    const server = mockApi({
      [`PATCH ${TASK}`]: [
        () => first.promise,
        () => json(task(3, { title: "Rotate all keys", priority: "high" })),
      ],
      [`GET ${TASK}`]: () => json(task(2, { title: "Rotate all keys" })),
    });
    const { queryClient, key, user } = renderOverCachedTask(<QuickEdits current={task(1)} />);

    await user.click(screen.getByRole("button", { name: "Make it high" }));
    // Optimistic: the cache shows the change before the server answers.
    await vi.waitFor(() => expect(queryClient.getQueryData<Task>(key)?.priority).toBe("high"));
    expect(server.sent(`PATCH ${TASK}`)[0]?.headers.get("If-Match")).toBe('"1"');

    await act(async () => first.resolve(staleVersion("The task was changed.")));
    expect(await screen.findByText("Changed by someone else")).toBeInTheDocument();
    // Rolled back to the server's latest version, not to ours and not to our change.
    expect(queryClient.getQueryData<Task>(key)).toMatchObject({
      version: 2,
      title: "Rotate all keys",
      priority: "none",
    });

    await user.click(screen.getByRole("button", { name: "Apply my change again" }));
    await vi.waitFor(() => expect(server.sent(`PATCH ${TASK}`)).toHaveLength(2));
    const retry = server.sent(`PATCH ${TASK}`)[1];
    expect(retry?.headers.get("If-Match")).toBe('"2"');
    expect(await retry?.json()).toEqual({ priority: "high" });
    await vi.waitFor(() => expect(queryClient.getQueryData<Task>(key)?.version).toBe(3));
  });
});

/**
 * The task on a server that checks If-Match like the real one; each PATCH first waits for
 * `hold`, given the version saved so far, so a test can keep an answer back.
 */
function versionedTaskServer(initial: Task, hold: (saved: Task) => Promise<void>) {
  let saved = initial;
  return mockApi({
    [`PATCH ${TASK}`]: async (request) => {
      const changes = (await request.json()) as Partial<Task>;
      await hold(saved);
      if (request.headers.get("If-Match") !== `"${saved.version}"`) {
        return staleVersion("The task was changed.");
      }
      saved = { ...saved, ...changes, version: saved.version + 1 };
      return json(saved);
    },
    [`GET ${TASK}`]: () => json(saved),
  });
}

describe("two quick changes to one task", () => {
  it("sends them in turn, the second from the version the first saved, with no false 412", async () => {
    // The first answer is held back.
    const slow = deferred<void>();
    const server = versionedTaskServer(task(1), async (saved) => {
      if (saved.version === 1) await slow.promise;
    });
    const { queryClient, key, user } = renderOverCachedTask(<QuickEdits current={task(1)} />);

    await user.click(screen.getByRole("button", { name: "Make it high" }));
    await user.click(screen.getByRole("button", { name: "Start it" }));
    // Both show at once; the second waits for the first to answer.
    await vi.waitFor(() =>
      expect(queryClient.getQueryData<Task>(key)).toMatchObject({
        priority: "high",
        status_id: "s-doing",
      }),
    );
    expect(server.sent(`PATCH ${TASK}`)).toHaveLength(1);

    await act(async () => slow.resolve());
    await vi.waitFor(() => expect(queryClient.getQueryData<Task>(key)?.version).toBe(3));
    const [first, second] = server.sent(`PATCH ${TASK}`);
    expect(first?.headers.get("If-Match")).toBe('"1"');
    expect(second?.headers.get("If-Match")).toBe('"2"');
    expect(queryClient.getQueryData<Task>(key)).toMatchObject({
      priority: "high",
      status_id: "s-doing",
    });
    expect(screen.queryByText("Changed by someone else")).not.toBeInTheDocument();
  });
});

describe("two quick changes to a task someone else changed", () => {
  it("overwrites nothing silently and re-applies both from one notice", async () => {
    const slow = deferred<void>();
    const server = versionedTaskServer(task(2, { title: "Rotate all keys" }), () => slow.promise);
    const { queryClient, key, user } = renderOverCachedTask(<QuickEdits current={task(1)} />);

    await user.click(screen.getByRole("button", { name: "Make it high" }));
    await user.click(screen.getByRole("button", { name: "Start it" }));
    await act(async () => slow.resolve());

    expect(await screen.findByText("Changed by someone else")).toBeInTheDocument();
    await vi.waitFor(() => expect(server.sent(`PATCH ${TASK}`)).toHaveLength(2));
    // Neither change went onto the version the user has not seen.
    await vi.waitFor(() =>
      expect(queryClient.getQueryData<Task>(key)).toMatchObject({
        version: 2,
        priority: "none",
        status_id: "s-todo",
      }),
    );

    await user.click(screen.getByRole("button", { name: "Apply my change again" }));
    await vi.waitFor(() => expect(queryClient.getQueryData<Task>(key)?.version).toBe(4));
    expect(queryClient.getQueryData<Task>(key)).toMatchObject({
      title: "Rotate all keys",
      priority: "high",
      status_id: "s-doing",
    });
    const [, , first, second] = server.sent(`PATCH ${TASK}`);
    expect(first?.headers.get("If-Match")).toBe('"2"');
    expect(second?.headers.get("If-Match")).toBe('"3"');
  });
});
