/** The next turn of the event loop, on the real clock. */
export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Puts the gathering window's clock (`setTimeout`) on Jest's alone: the turns between reads stay
 * real, and a loaded machine cannot close the window early. Undo with `jest.useRealTimers()`.
 */
export const holdTheGatheringWindow = () =>
  jest.useFakeTimers({
    doNotFake: [
      'Date',
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
    ],
  });
