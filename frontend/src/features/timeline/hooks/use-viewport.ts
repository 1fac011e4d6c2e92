import { useEffect, useRef, useState } from "react";

export interface Viewport {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The scroller's visible rectangle, read at most once per animation frame while scrolling;
 * `onRead` hears every reading at once (for a caller that must not wait for a render). */
export function useViewport(
  scroller: HTMLElement | null,
  onRead?: (view: Viewport) => void,
): Viewport {
  const listener = useRef(onRead);
  listener.current = onRead;
  const [view, setView] = useState<Viewport>({ left: 0, top: 0, width: 0, height: 0 });
  useEffect(() => {
    if (!scroller) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      const next = {
        left: scroller.scrollLeft,
        top: scroller.scrollTop,
        width: scroller.clientWidth,
        height: scroller.clientHeight,
      };
      listener.current?.(next);
      setView((previous) =>
        previous.left === next.left &&
        previous.top === next.top &&
        previous.width === next.width &&
        previous.height === next.height
          ? previous
          : next,
      );
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    scroller.addEventListener("scroll", schedule, { passive: true });
    const observer = new ResizeObserver(schedule);
    observer.observe(scroller);
    read();
    return () => {
      scroller.removeEventListener("scroll", schedule);
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [scroller]);
  return view;
}
