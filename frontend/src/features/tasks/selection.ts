import { useCallback, useMemo, useState } from "react";

/**
 * Which rows are ticked, for bulk actions. Shift-click ticks the range from the last row ticked;
 * rows that left the list (filtered out, deleted) drop out of the selection.
 */
export function useSelection(visibleIds: string[]) {
  const [picked, setPicked] = useState<string[]>([]);
  const [anchor, setAnchor] = useState<string | null>(null);
  const visible = useMemo(() => new Set(visibleIds), [visibleIds]);
  const selected = useMemo(() => picked.filter((id) => visible.has(id)), [picked, visible]);

  const toggle = useCallback(
    (id: string, { range = false }: { range?: boolean } = {}) => {
      setPicked((current) => {
        const on = !current.includes(id);
        let ids = [id];
        if (range && anchor) {
          const from = visibleIds.indexOf(anchor);
          const to = visibleIds.indexOf(id);
          if (from >= 0 && to >= 0) {
            ids = visibleIds.slice(Math.min(from, to), Math.max(from, to) + 1);
          }
        }
        return on
          ? [...current, ...ids.filter((each) => !current.includes(each))]
          : current.filter((each) => !ids.includes(each));
      });
      setAnchor(id);
    },
    [anchor, visibleIds],
  );

  const allSelected = visibleIds.length > 0 && selected.length === visibleIds.length;
  const toggleAll = useCallback(
    () => setPicked(allSelected ? [] : visibleIds),
    [allSelected, visibleIds],
  );
  const clear = useCallback(() => setPicked([]), []);
  const isSelected = useCallback((id: string) => selected.includes(id), [selected]);

  return { selected, toggle, toggleAll, clear, isSelected, allSelected };
}
