/**
 * Runs `work` once the browser is idle (soon after a page has drawn), or on the next task where it
 * has no idle callbacks (Safari); returns what cancels it.
 */
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work);
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work);
  return () => clearTimeout(id);
}
