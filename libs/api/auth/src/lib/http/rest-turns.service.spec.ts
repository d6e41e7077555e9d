import { AppConfig } from '@derm/api/config';
import { RestTurns } from './rest-turns.service';
import { TooManyRequestsException } from './too-many-requests.exception';

describe('RestTurns', () => {
  const twoEach = () => new RestTurns({ restInFlightPerPerson: 2 } as AppConfig);

  it("queues a person's requests past their own in flight, and nobody else's", async () => {
    const turns = twoEach();
    const ends = [await turns.take('clinic-a|nurse'), await turns.take('clinic-a|nurse')];
    let thirdStarted = false;
    const third = turns.take('clinic-a|nurse').then((end) => {
      thirdStarted = true;
      return end;
    });
    expect(turns.waiting).toBe(1);

    // A colleague and another clinic's namesake get their turn at once.
    const colleague = await turns.take('clinic-a|provider');
    const otherClinic = await turns.take('clinic-b|nurse');
    expect(thirdStarted).toBe(false);

    ends[0]();
    (await third)();
    expect(thirdStarted).toBe(true);
    expect(turns.waiting).toBe(0);
    [ends[1], colleague, otherClinic].forEach((end) => end());
  });

  it('ends a turn once, however often its end is called', async () => {
    const turns = twoEach();
    const first = await turns.take('clinic-a|nurse');
    first();
    const [a, b] = [await turns.take('clinic-a|nurse'), await turns.take('clinic-a|nurse')];
    // Ending a turn already over neither frees a permit nor forgets the turns now taken.
    first();
    let third = false;
    void turns.take('clinic-a|nurse').then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    expect(turns.waiting).toBe(1);
    a();
    b();
  });

  it('refuses at once, with 429, a request past 32 of the same person waiting; others still queue', async () => {
    const turns = twoEach();
    const inFlight = [await turns.take('clinic-a|nurse'), await turns.take('clinic-a|nurse')];
    const queued = Array.from({ length: 32 }, () => turns.take('clinic-a|nurse'));
    await expect(turns.take('clinic-a|nurse')).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(turns.waiting).toBe(32);

    const colleague = await turns.take('clinic-a|provider');
    colleague();
    inFlight.forEach((end) => end());
    for (const turn of queued) (await turn)();
    expect(turns.waiting).toBe(0);
  });

  it('takes sign-ins from one address one at a time, apart from other addresses and from people', async () => {
    const turns = twoEach();
    const first = await turns.takeSignIn('203.0.113.1');
    let secondStarted = false;
    const second = turns.takeSignIn('203.0.113.1').then((end) => {
      secondStarted = true;
      return end;
    });
    const otherAddress = await turns.takeSignIn('203.0.113.2');
    const person = await turns.take('203.0.113.1');
    await Promise.resolve();
    expect(secondStarted).toBe(false);

    first();
    (await second)();
    [otherAddress, person].forEach((end) => end());
    expect(turns.waiting).toBe(0);
  });
});
