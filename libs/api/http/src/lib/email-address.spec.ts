import { isEmail, validateSync } from 'class-validator';
import { IsEmailAddress } from './email-address';

class SignIn {
  @IsEmailAddress()
  email!: unknown;
}

const errorsFor = (email: unknown) => {
  const body = Object.assign(new SignIn(), { email });
  return validateSync(body).flatMap((error) => Object.values(error.constraints ?? {}));
};

describe('IsEmailAddress', () => {
  it('accepts an address', () => {
    expect(errorsFor('nurse@riverside.test')).toEqual([]);
  });

  it('refuses what is not one, a string or not, with the message of IsEmail', () => {
    for (const email of ['not-an-email', '', 42, null, ['nurse@riverside.test']]) {
      expect(errorsFor(email)).toEqual(['email must be an email']);
    }
  });

  it('refuses an unpaired surrogate, on which class-validator’s own check throws', () => {
    for (const email of ['\ud800@riverside.test', 'a\udc00b@x.test', 'nurse@riverside.test\ud83d']) {
      expect(() => isEmail(email)).toThrow(URIError);
      expect(errorsFor(email)).toEqual(['email must be an email']);
    }
  });
});
