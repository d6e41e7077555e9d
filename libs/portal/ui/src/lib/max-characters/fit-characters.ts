import { characterCount } from '@derm/shared/contracts';

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * `after` (`before` with something typed or pasted into it) kept within `max` characters as the
 * API counts them: what was put in is cut to the room left, as `maxlength` cuts a paste, and
 * never through an emoji. Returns the text and where the caret goes.
 */
export function fitCharacters(before: string, after: string, max: number): { text: string; caret: number } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  if (start > 0 && isHighSurrogate(after.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  if (end > 0 && isLowSurrogate(after.charCodeAt(after.length - end))) end--;
  const kept = after.slice(0, start) + after.slice(after.length - end);
  const room = max - characterCount(kept);
  if (room < 0) {
    const text = Array.from(after).slice(0, max).join('');
    return { text, caret: text.length };
  }
  const inserted = Array.from(after.slice(start, after.length - end))
    .slice(0, room)
    .join('');
  return { text: after.slice(0, start) + inserted + after.slice(after.length - end), caret: start + inserted.length };
}
