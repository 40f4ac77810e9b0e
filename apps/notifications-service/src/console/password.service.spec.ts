import { BCRYPT_COST, PasswordService } from './password.service';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it('hashes with bcrypt cost 12 or more', async () => {
    const hash = await passwords.hash('correct horse battery');
    expect(PasswordService.costOf(hash)).toBeGreaterThanOrEqual(12);
    expect(BCRYPT_COST).toBeGreaterThanOrEqual(12);
  });

  it('never stores the password itself', async () => {
    expect(await passwords.hash('correct horse battery')).not.toContain('correct horse battery');
  });

  it('accepts the right password', async () => {
    const hash = await passwords.hash('пароль-оператора-1');
    expect(await passwords.verify('пароль-оператора-1', hash)).toBe(true);
  });

  it('rejects a wrong password', async () => {
    const hash = await passwords.hash('пароль-оператора-1');
    expect(await passwords.verify('пароль-оператора-2', hash)).toBe(false);
  });

  it('rejects any password without a stored hash', async () => {
    expect(await passwords.verify('', null)).toBe(false);
  });
});
