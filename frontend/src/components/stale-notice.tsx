import { notifications, notificationsStore } from "@mantine/notifications";

/** A 412: someone else changed the thing since we read it. */
export const STALE_TITLE = "Changed by someone else";

/** What each shown notice re-applies, in the order the changes were refused. */
const reapplies = new Map<string, (() => void)[]>();

function isShown(id: string) {
  const { notifications: shown, queue } = notificationsStore.getState();
  return [...shown, ...queue].some((notice) => notice.id === id);
}

/**
 * Say that `name` changed while the user was working on it (we have loaded the latest version),
 * and let them apply their change to that version: nothing is overwritten silently. Another
 * refusal for the same `id` while the notice shows joins it, and the button re-applies both.
 */
export function staleNotice({
  id,
  name,
  reapply,
  action = "Apply my change again",
}: {
  /** What changed, e.g. a task or label id: one notice per thing. */
  id: string;
  /** How the user knows it: a task key, a label's name, "This comment". */
  name: string;
  reapply: () => void;
  action?: string;
}) {
  const noticeId = `stale-${id}`;
  const earlier = isShown(noticeId) ? (reapplies.get(noticeId) ?? []) : [];
  reapplies.set(noticeId, [...earlier, reapply]);
  if (earlier.length > 0) return;
  notifications.show({
    id: noticeId,
    title: STALE_TITLE,
    color: "yellow",
    autoClose: 10_000,
    onClose: () => reapplies.delete(noticeId),
    message: (
      <span>
        {name} was changed while you were working on it. We loaded the latest version.{" "}
        <button
          type="button"
          className="wl-link-button"
          onClick={() => {
            const pending = reapplies.get(noticeId) ?? [];
            notifications.hide(noticeId);
            for (const each of pending) each();
          }}
        >
          {action}
        </button>
      </span>
    ),
  });
}
