import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { inMemoryPage } from './in-memory-page';
import { cursorInstant, decodeCursor, encodeCursor } from './page-cursor';
import { PageQuery } from './page.query';

class ListThingsQuery extends PageQuery({ defaultSize: 2, maxSize: 3 }) {}
/** As the API validates a query: parameters the class does not declare are refused. */
const errorsOf = (query: Record<string, unknown>) =>
  validateSync(plainToInstance(ListThingsQuery, query), { whitelist: true, forbidNonWhitelisted: true }).flatMap(
    (error) => Object.values(error.constraints ?? {}),
  );

describe('page cursors', () => {
  it('round-trip the sort key and id, and are URL-safe', () => {
    const cursor = encodeCursor({ key: '2031-01-01T00:00:00.000Z', id: 'a/b+c' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ key: '2031-01-01T00:00:00.000Z', id: 'a/b+c' });
  });

  it('refuse anything a list did not give out', () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of [
      '',
      'not base64!',
      forged({ key: 1, id: 'x' }),
      forged(['k']),
      forged([{}, 'x']),
      forged(['k', 7]),
      'e30',
    ]) {
      expect(decodeCursor(text)).toBeUndefined();
    }
  });

  it('read the instant of a time-ordered list, and refuse another list’s key with a 400', () => {
    expect(cursorInstant({ key: '2031-01-01T00:00:00.000Z', id: 'x' })).toEqual(new Date('2031-01-01T00:00:00.000Z'));
    for (const key of ['Ana Ortiz', '2031', '2031-01-01', 'Invalid Date', 7]) {
      expect(() => cursorInstant({ key, id: 'x' })).toThrow(BadRequestException);
    }
  });

  it('refuse an instant no row can have: a year the API never writes nor both databases hold', () => {
    expect(cursorInstant({ key: '0001-01-01T00:00:00.000Z', id: 'x' })).toEqual(new Date('0001-01-01T00:00:00.000Z'));
    expect(cursorInstant({ key: '9999-12-31T23:59:59.999Z', id: 'x' })).toEqual(new Date('9999-12-31T23:59:59.999Z'));
    for (const key of [
      '-271821-04-20T00:00:00.000Z',
      '-004714-01-01T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '+010000-01-01T00:00:00.000Z',
    ]) {
      expect(new Date(key).toISOString()).toBe(key);
      expect(() => cursorInstant({ key, id: 'x' })).toThrow(BadRequestException);
    }
  });

  it('validate ?cursor=&limit= with a message, and default the size', () => {
    expect(errorsOf({ cursor: encodeCursor({ key: 'k', id: 'x' }), limit: '3' })).toEqual([]);
    expect(errorsOf({ limit: '4' })).toEqual(['limit must not be greater than 3']);
    expect(errorsOf({ limit: '0' })).toEqual(['limit must not be less than 1']);
    expect(errorsOf({ limit: 'many' }).length).toBeGreaterThan(0);
    expect(errorsOf({ cursor: 'garbage!' })).toEqual([
      'cursor must be a cursor from an X-Next-Cursor header of this list',
    ]);
    const requested = (query: Record<string, unknown>) =>
      ListThingsQuery.requestedPage(plainToInstance(ListThingsQuery, query));
    expect(requested({})).toEqual({ size: 2 });
    expect(requested({ limit: '3', cursor: 'c' })).toEqual({ cursor: 'c', size: 3 });
  });

  it('refuse parameters they do not declare, a page size by any other name included', () => {
    for (const name of ['size', 'page', 'pageSize']) {
      expect(errorsOf({ [name]: '1' })).toEqual([`property ${name} should not exist`]);
    }
  });

  it('page a list held in memory by key then id, each item once', () => {
    const people = ['Cleo', 'Ana', 'Bo', 'Ana', 'Dee'].map((name, i) => ({ name, id: `u${i}` }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = inMemoryPage(
        people,
        (p) => p.name,
        (p) => p.id,
        { cursor, size: 2 },
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => `${p.name}:${p.id}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Ana:u1', 'Ana:u3', 'Bo:u2', 'Cleo:u0', 'Dee:u4']);
  });
});
