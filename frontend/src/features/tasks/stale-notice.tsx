import { notifications } from "@mantine/notifications";

/** A 412 on a task: say so, and let the user apply their change to the latest version. */
export const STALE_TITLE = "Changed by someone else";

export function staleNotice(taskKey: string, reapply: () => void) {
  const id = `stale-${taskKey}`;
  notifications.show({
    id,
    title: STALE_TITLE,
    color: "yellow",
    autoClose: 10_000,
    message: (
      <span>
        {taskKey} was changed while you were editing. We loaded the latest version.{" "}
        <button
          type="button"
          className="wl-link-button"
          onClick={() => {
            notifications.hide(id);
            reapply();
          }}
        >
          Apply my change again
        </button>
      </span>
    ),
  });
}
