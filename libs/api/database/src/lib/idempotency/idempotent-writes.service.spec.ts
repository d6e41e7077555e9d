import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { DomainEvents } from '@derm/api/events';
import { createTestDatabase, TestDatabase } from '@derm/shared/test-client';
import { Transactions } from '../transactions.service';
import { IdempotencyKeyReusedException } from './idempotency-key-reused.exception';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotentWrites } from './idempotent-writes.service';

@Entity('idempotent_note')
class Note {
  @PrimaryColumn('varchar') id!: string;
  @Column('varchar') text!: string;
}

const targets: Array<'sqlite' | 'postgres'> = ['sqlite', 'postgres'];

/** PostgreSQL needs the local server (TEST_POSTGRES_URL), as the migrations spec does. */
describe.each(targets)('IdempotentWrites on %s', (kind) => {
  let database: TestDatabase | undefined;
  let dataSource: DataSource;
  let transactions: Transactions;
  let writes: IdempotentWrites;
  const nurse = { tenantId: randomUUID(), userId: randomUUID() };

  beforeAll(async () => {
    if (kind === 'postgres') database = await createTestDatabase('postgres');
    dataSource = new DataSource({
      ...(database ? { type: 'postgres', url: database.url } : { type: 'better-sqlite3', database: ':memory:' }),
      entities: [Note, IdempotencyKeyEntity],
      synchronize: true,
    });
    await dataSource.initialize();
    transactions = new Transactions(dataSource, new DomainEvents(new EventEmitter2()));
    writes = new IdempotentWrites(transactions);
  }, 60_000);
  // Dropping a database can take seconds on a loaded machine, past the default 5 s.
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  }, 60_000);

  /** Writes a note and answers it: the write a key protects. */
  const writeNote = (text: string, key: string | undefined, who = nurse) =>
    writes.run({ ...who, scope: 'note:write', key, request: { text } }, async () => {
      const note = { id: randomUUID(), text };
      await transactions.repository(Note).insert(note);
      return note;
    });
  const notes = (text: string) => dataSource.getRepository(Note).countBy({ text });

  it('writes once per key and answers every retry with the first answer', async () => {
    const key = randomUUID();
    const first = await writeNote('once', key);
    expect(await writeNote('once', key)).toEqual(first);
    expect(await notes('once')).toBe(1);
  });

  it('writes once when the same key arrives several times at once', async () => {
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3, 4].map(() => writeNote('at once', key)));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(await notes('at once')).toBe(1);
  });

  it('keeps keys apart by user and clinic, and writes every time without a key', async () => {
    const key = randomUUID();
    await writeNote('scoped', key);
    await writeNote('scoped', key, { ...nurse, userId: randomUUID() });
    await writeNote('scoped', key, { tenantId: randomUUID(), userId: nurse.userId });
    await writeNote('scoped', undefined);
    await writeNote('scoped', undefined);
    expect(await notes('scoped')).toBe(5);
  });

  it('refuses a key reused for a different request', async () => {
    const key = randomUUID();
    await writeNote('first', key);
    await expect(writeNote('second', key)).rejects.toBeInstanceOf(IdempotencyKeyReusedException);
    expect(await notes('second')).toBe(0);
  });

  it('releases the key with a write that fails: the retry does the work', async () => {
    const key = randomUUID();
    const failing = writes.run({ ...nurse, scope: 'note:write', key, request: { text: 'retried' } }, async () => {
      await transactions.repository(Note).insert({ id: randomUUID(), text: 'retried' });
      throw new Error('the write failed halfway');
    });
    await expect(failing).rejects.toThrow('halfway');
    expect(await notes('retried')).toBe(0);
    await writeNote('retried', key);
    expect(await notes('retried')).toBe(1);
  });

  it('forgets keys past their lifetime only', async () => {
    const [kept, expired] = [randomUUID(), randomUUID()];
    await writeNote('kept', kept);
    await writeNote('expired', expired);
    await dataSource
      .getRepository(IdempotencyKeyEntity)
      .update({ key: expired }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await writes.purgeExpired()).toBe(1);
    const left = await dataSource.getRepository(IdempotencyKeyEntity).findBy({ tenantId: nurse.tenantId });
    expect(left.map((row) => row.key)).toContain(kept);
    expect(left.map((row) => row.key)).not.toContain(expired);
  });
});
