import type { Repository } from 'typeorm';
import { TenantDirectory } from './tenant-directory.service';
import type { TenantEntity } from './tenant.entity';

describe('TenantDirectory', () => {
  afterEach(() => jest.useRealTimers());

  it('answers the questions asked while a lookup is under way from that one query, in the order asked', async () => {
    let answer: (tenant: TenantEntity) => void = () => undefined;
    const findOneBy = jest.fn(() => new Promise<TenantEntity>((resolve) => (answer = resolve)));
    const directory = new TenantDirectory({ findOneBy } as unknown as Repository<TenantEntity>);

    const answered: string[] = [];
    const first = directory.isActive('t1').then((active) => answered.push(`first ${active}`));
    const second = directory.timeZoneOf('t1').then((zone) => answered.push(`second ${zone}`));
    answer({ status: 'active', timeZone: 'America/New_York' } as TenantEntity);
    await Promise.all([first, second]);

    expect(findOneBy).toHaveBeenCalledTimes(1);
    expect(answered).toEqual(['first true', 'second America/New_York']);
  });

  it('looks the clinic up again once its entry has lapsed, so a suspension takes effect', async () => {
    jest.useFakeTimers({ now: 0 });
    const tenant = { status: 'active', timeZone: 'UTC' } as TenantEntity;
    const findOneBy = jest.fn(async () => tenant);
    const directory = new TenantDirectory({ findOneBy } as unknown as Repository<TenantEntity>);

    expect(await directory.isActive('t1')).toBe(true);
    tenant.status = 'suspended';
    expect(await directory.isActive('t1')).toBe(true);
    jest.setSystemTime(15_000);
    expect(await directory.isActive('t1')).toBe(false);
    expect(findOneBy).toHaveBeenCalledTimes(2);
  });
});
