import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Besides anything serious or critical: landmarks a screen-reader user navigates by. */
const ALSO_FAILING = new Set(['landmark-no-duplicate-banner', 'landmark-unique', 'landmark-no-duplicate-main']);

/**
 * Runs axe-core on what is on screen and fails with every serious or critical violation, each
 * with the elements it found it on, so that the report says what to fix.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    // Experimental in axe-core, so off by default: visible text must be part of the accessible name.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const failing = violations
    .filter(
      (violation) =>
        violation.impact === 'serious' || violation.impact === 'critical' || ALSO_FAILING.has(violation.id),
    )
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
    );
  expect({ where, violations: failing }).toEqual({ where, violations: [] });
}

/** The `data-testid` of whatever has focus. */
export function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/**
 * Presses Tab until the element matching `selector` has focus, as a keyboard user would; fails if
 * it is not reached within `limit` presses (not reachable by keyboard).
 */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  const focused = () => page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
  for (let presses = 0; presses < limit && !(await focused()); presses++) await page.keyboard.press('Tab');
  expect(await focused(), `${selector} reached with Tab`).toBe(true);
}

export const byTestId = (testId: string): string => `[data-testid="${testId}"]`;
