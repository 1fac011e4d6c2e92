/** Every keyboard shortcut, for the `?` dialog and the tooltips that mention them. */
export const SHORTCUTS: { keys: string[]; description: string; group: string }[] = [
  {
    keys: ["Ctrl", "K"],
    description: "Search, jump to a project or task, run an action",
    group: "Anywhere",
  },
  { keys: ["C"], description: "Create a task", group: "Anywhere" },
  { keys: ["T"], description: "Start a timer", group: "Anywhere" },
  { keys: ["?"], description: "Show keyboard shortcuts", group: "Anywhere" },
  { keys: ["S"], description: "Change the status of the open or focused task", group: "Tasks" },
  { keys: ["A"], description: "Assign the open or focused task", group: "Tasks" },
  { keys: ["Esc"], description: "Close the task panel or a dialog", group: "Tasks" },
  { keys: ["↑", "↓"], description: "Move between rows of a list", group: "Lists" },
  { keys: ["Enter"], description: "Open the focused task", group: "Lists" },
  { keys: ["X"], description: "Select the focused row for bulk changes", group: "Lists" },
  {
    keys: ["Space"],
    description: "Pick up a card; arrows move it; Space drops it",
    group: "Board",
  },
  {
    keys: ["[", "]"],
    description: "Shorten or lengthen a task by a working day",
    group: "Timeline",
  },
  {
    keys: ["Alt", "←/→"],
    description: "Move a task a working day earlier or later",
    group: "Timeline",
  },
  {
    keys: ["L"],
    description: "Link the selected task to another (Enter picks it)",
    group: "Timeline",
  },
  { keys: ["Ctrl", "Z"], description: "Undo the last change", group: "Timeline" },
];
