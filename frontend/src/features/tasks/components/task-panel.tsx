import { Drawer } from "@mantine/core";
import { useWindowEvent } from "@mantine/hooks";
import type { ReactNode } from "react";

const LAYER = '[role="dialog"], [role="menu"]';

/**
 * The drawer a task opens in beside a list or board. Escape closes it only when pressed in the
 * panel itself: a picker, menu or dialog opened from it or over it (the `a` and `s` pickers,
 * the palette) renders elsewhere in the page and Escape closes just that one.
 */
export function TaskPanel({
  taskKey,
  onClose,
  children,
}: {
  taskKey: string | null;
  onClose: () => void;
  children: ReactNode;
}) {
  // With nothing focused (say the button of a notice that went away), Escape is the panel's.
  useWindowEvent("keydown", (event) => {
    if (taskKey && event.key === "Escape" && event.target === document.body) onClose();
  });
  return (
    <Drawer
      opened={Boolean(taskKey)}
      onClose={onClose}
      // Mantine's own Escape listens on the window and so also fires for every layer above.
      closeOnEscape={false}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || event.nativeEvent.isComposing) return;
        // React also delivers key presses from the popovers and menus opened in the panel:
        // close only if the innermost dialog or menu around the key press is the panel itself.
        const panel = event.currentTarget.querySelector(LAYER);
        if ((event.target as Element).closest(LAYER) === panel) onClose();
      }}
      position="right"
      size={920}
      withCloseButton={false}
      padding={0}
      title={null}
      aria-label={taskKey ? `Task ${taskKey}` : undefined}
      overlayProps={{ backgroundOpacity: 0.15 }}
      scrollAreaComponent={undefined}
    >
      {children}
    </Drawer>
  );
}
