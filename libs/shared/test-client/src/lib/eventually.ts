/**
 * Polls `check` until it returns true, failing once `deadlineMs` has passed: for promises such as
 * "revocation takes effect within 1 s", which are conditions with a deadline, not sleeps.
 */
export async function eventually(
  description: string,
  check: () => Promise<boolean>,
  deadlineMs: number,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Not within ${deadlineMs} ms: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
