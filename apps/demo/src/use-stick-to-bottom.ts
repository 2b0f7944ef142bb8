import { type RefObject, useEffect, useRef } from "react";

/** How close to the end (px) still counts as "reading the latest message". */
const NEAR_END_PX = 48;

/**
 * Keeps a scroll box at its end when the box shrinks (a toast docks below the conversation), as
 * long as the reader was at the end: the failed reply stays in view next to its toast.
 */
export function useStickToBottom(): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    let atEnd = true;
    const onScroll = () => {
      atEnd = element.scrollHeight - element.scrollTop - element.clientHeight <= NEAR_END_PX;
    };
    const observer = new ResizeObserver(() => {
      if (atEnd) element.scrollTop = element.scrollHeight;
    });
    element.addEventListener("scroll", onScroll, { passive: true });
    observer.observe(element);
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", onScroll);
    };
  }, []);
  return box;
}
