import { ActionIcon, type ActionIconProps, Tooltip } from "@mantine/core";
import type { MouseEventHandler, ReactNode } from "react";

/**
 * A button that is only an icon, named by its tooltip. `label` is what a screen reader says when
 * the tooltip alone is too vague ("Delete" shows; "Delete 1:30 on WEB-2" is read). Quiet and grey
 * unless told otherwise, as row and toolbar actions are.
 */
export function IconAction({
  tooltip,
  label = tooltip,
  icon,
  variant = "subtle",
  color = "gray",
  onClick,
  ...props
}: Omit<ActionIconProps, "children"> & {
  tooltip: string;
  label?: string;
  icon: ReactNode;
  onClick?: MouseEventHandler<HTMLButtonElement>;
}) {
  return (
    <Tooltip label={tooltip}>
      <ActionIcon variant={variant} color={color} aria-label={label} onClick={onClick} {...props}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
