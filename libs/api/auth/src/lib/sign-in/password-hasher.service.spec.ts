import { hashSync } from 'bcryptjs';
import { AppConfig } from '@derm/api/config';
import { PasswordHasher } from './password-hasher.service';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ passwordHashConcurrency: 1 } as AppConfig);

  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hasher.hash('correct horse');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(stored, 'correct horse')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse ')).toBe(false);
    expect(hasher.needsUpgrade(stored)).toBe(false);
  });

  it('still verifies a bcrypt hash, and says it needs upgrading', async () => {
    const legacy = hashSync('old secret', 4);
    expect(await hasher.verify(legacy, 'old secret')).toBe(true);
    expect(await hasher.verify(legacy, 'other')).toBe(false);
    expect(hasher.needsUpgrade(legacy)).toBe(true);
  });

  it('refuses every password without a stored hash, and a malformed hash', async () => {
    expect(await hasher.verify(undefined, 'correct horse')).toBe(false);
    expect(await hasher.verify(undefined, '')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'correct horse')).toBe(false);
  });
});
