import { Semaphore } from './semaphore';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Semaphore', () => {
  it('runs at most its permits at once, the others in arrival order', async () => {
    const semaphore = new Semaphore(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      semaphore.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((gate) => gate.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('frees the permit when a task fails', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await semaphore.run(async () => 'next')).toBe('next');
  });
});

describe('Semaphore.acquire', () => {
  it('hands a permit given back to the first in line, once however often it is given back', async () => {
    const semaphore = new Semaphore(1);
    const first = await semaphore.acquire();
    let secondHeld = false;
    const second = semaphore.acquire().then((release) => {
      secondHeld = true;
      return release;
    });
    const third = semaphore.acquire();
    expect(semaphore.queued).toBe(2);

    first();
    first();
    const releaseSecond = await second;
    expect(secondHeld).toBe(true);
    expect(semaphore.queued).toBe(1);

    releaseSecond();
    (await third)();
    expect(semaphore.idle).toBe(true);
    expect(semaphore.queued).toBe(0);
  });
});
