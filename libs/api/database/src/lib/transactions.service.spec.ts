import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { DomainEvents, TenantEvent } from '@derm/api/events';
import { createTestDatabase, TestDatabase } from '@derm/shared/test-client';
import { Transactions } from './transactions.service';

@Entity('ledger_entry')
class LedgerEntry {
  @PrimaryColumn('varchar') id!: string;
  @Column('varchar') note!: string;
}

class EntriesWritten extends TenantEvent {
  constructor(readonly notes: string[]) {
    super('clinic');
  }
}

/** A real failure halfway: the second insert reuses the first one's primary key. */
async function writeTwiceThenFail(transactions: Transactions, events: DomainEvents, note: string): Promise<void> {
  await transactions.run(async (manager) => {
    const id = randomUUID();
    await manager.insert(LedgerEntry, { id, note });
    events.publish(new EntriesWritten([note]));
    await manager.insert(LedgerEntry, { id, note: `${note} again` });
  });
}

const targets: Array<'sqlite' | 'postgres'> = ['sqlite', 'postgres'];

/** PostgreSQL needs the local server (TEST_POSTGRES_URL), as the migrations spec does. */
describe.each(targets)('Transactions on %s', (kind) => {
  let database: TestDatabase | undefined;
  let dataSource: DataSource;
  let transactions: Transactions;
  let events: DomainEvents;
  let heard: Array<{ notes: string[]; rowsVisibleOutside: Promise<number> }>;

  beforeAll(async () => {
    if (kind === 'postgres') database = await createTestDatabase('postgres');
    dataSource = new DataSource({
      ...(database ? { type: 'postgres', url: database.url } : { type: 'better-sqlite3', database: ':memory:' }),
      entities: [LedgerEntry],
      synchronize: true,
    });
    await dataSource.initialize();
  }, 60_000);
  // Dropping a database can take seconds on a loaded machine, past the default 5 s.
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  }, 60_000);

  beforeEach(async () => {
    await dataSource.getRepository(LedgerEntry).clear();
    const emitter = new EventEmitter2();
    events = new DomainEvents(emitter);
    transactions = new Transactions(dataSource, events);
    heard = [];
    // What another connection sees at the moment the event goes out.
    emitter.on(EntriesWritten.name, (event: EntriesWritten) => {
      heard.push({ notes: event.notes, rowsVisibleOutside: dataSource.getRepository(LedgerEntry).count() });
    });
  });

  const notes = async () =>
    (await dataSource.getRepository(LedgerEntry).find({ order: { note: 'ASC' } })).map((row) => row.note);

  it('leaves no partial rows and announces nothing when a write fails halfway', async () => {
    await expect(writeTwiceThenFail(transactions, events, 'first')).rejects.toThrow();
    expect(await notes()).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('announces a unit of work only once it has committed', async () => {
    await transactions.run(async (manager) => {
      await manager.insert(LedgerEntry, [
        { id: randomUUID(), note: 'a' },
        { id: randomUUID(), note: 'b' },
      ]);
      events.publish(new EntriesWritten(['a', 'b']));
      expect(heard).toEqual([]);
    });
    expect(await notes()).toEqual(['a', 'b']);
    expect(heard.map((event) => event.notes)).toEqual([['a', 'b']]);
    expect(await heard[0].rowsVisibleOutside).toBe(2);
  });

  it('rolls a nested unit back with the unit it joined', async () => {
    const outer = transactions.run(async () => {
      await transactions.run(async (manager) => {
        await manager.insert(LedgerEntry, { id: randomUUID(), note: 'inner' });
        events.publish(new EntriesWritten(['inner']));
      });
      await writeTwiceThenFail(transactions, events, 'outer');
    });
    await expect(outer).rejects.toThrow();
    expect(await notes()).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('keeps concurrent units apart: a failing one takes nothing of the others with it', async () => {
    const succeeding = (note: string) =>
      transactions.run(async (manager) => {
        await manager.insert(LedgerEntry, { id: randomUUID(), note });
        await transactions.repository(LedgerEntry).insert({ id: randomUUID(), note: `${note} too` });
        events.publish(new EntriesWritten([note]));
      });
    const outcomes = await Promise.allSettled([
      succeeding('kept 1'),
      writeTwiceThenFail(transactions, events, 'lost'),
      succeeding('kept 2'),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await notes()).toEqual(['kept 1', 'kept 1 too', 'kept 2', 'kept 2 too']);
    expect(heard.map((event) => event.notes).sort()).toEqual([['kept 1'], ['kept 2']]);
  });

  it('makes units that lock the same row take turns: concurrent counts lose no update', async () => {
    const id = randomUUID();
    await dataSource.getRepository(LedgerEntry).insert({ id, note: '0' });
    const countOne = () =>
      transactions.run(async () => {
        const entry = await transactions.lockOne(LedgerEntry, { id });
        await transactions.repository(LedgerEntry).update(id, { note: String(Number(entry?.note) + 1) });
      });
    await Promise.all([1, 2, 3, 4, 5].map(countOne));
    expect(await notes()).toEqual(['5']);
  });

  it('makes units that name the same keys take turns, whatever order each names them in', async () => {
    const id = randomUUID();
    await dataSource.getRepository(LedgerEntry).insert({ id, note: '0' });
    const countOne = (keys: string[]) =>
      transactions.run(async () => {
        await transactions.takeTurns(keys);
        const entry = await transactions.repository(LedgerEntry).findOneByOrFail({ id });
        await transactions.repository(LedgerEntry).update(id, { note: String(Number(entry.note) + 1) });
      });
    await Promise.all([['a', 'b'], ['b', 'a'], ['a'], ['b', 'a', 'a'], ['a', 'b']].map(countOne));
    expect(await notes()).toEqual(['5']);
  });

  it('takes turns only for a unit of work', async () => {
    await expect(transactions.takeTurns(['a'])).rejects.toThrow(/inside Transactions.run/);
  });

  it('locks a row only for a unit of work', async () => {
    await expect(transactions.lockOne(LedgerEntry, { id: randomUUID() })).rejects.toThrow(/inside Transactions.run/);
  });

  it('reads its own writes through repository() before the commit', async () => {
    const counted = await transactions.run(async (manager) => {
      await manager.insert(LedgerEntry, { id: randomUUID(), note: 'own' });
      return transactions.repository(LedgerEntry).count();
    });
    expect(counted).toBe(1);
  });
});
