import { testInfra, uniqueName } from '@ediary/testing';
import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import { OperatorAccount, OperatorAccountSchema } from './console-auth.schema';
import { runCreateOperatorCli } from './create-operator';
import { PasswordService } from './password.service';

describe('create-operator', () => {
  const mongo = { url: '', dbName: '' };
  let connection: mongoose.Connection;

  beforeAll(async () => {
    mongo.url = testInfra().mongoUrl;
    mongo.dbName = `${uniqueName('operators')}-notifications`;
    connection = await mongoose.createConnection(mongo.url, { dbName: mongo.dbName }).asPromise();
  });

  afterAll(async () => {
    await connection?.close();
  });

  const stdin = (text: string) => Readable.from([Buffer.from(text)]);

  it('creates an account from the password on stdin', async () => {
    const code = await runCreateOperatorCli(['--login', 'Duty.Officer', '--password-stdin'], stdin('длинный-пароль-оператора\n'), mongo);
    expect(code).toBe(0);
    const account = await connection.model(OperatorAccount.name, OperatorAccountSchema).findOne({ login: 'duty.officer' }).lean();
    expect(account).not.toBeNull();
    expect(await new PasswordService().verify('длинный-пароль-оператора', account?.passwordHash ?? null)).toBe(true);
  });

  it('rejects a taken login', async () => {
    await runCreateOperatorCli(['--login', 'twice'], stdin('first-long-password'), mongo);
    expect(await runCreateOperatorCli(['--login', 'twice'], stdin('second-long-password'), mongo)).toBe(2);
  });

  it('rejects a short password', async () => {
    expect(await runCreateOperatorCli(['--login', 'short-one'], stdin('short'), mongo)).toBe(2);
  });

  it('requires --login', async () => {
    expect(await runCreateOperatorCli([], stdin('long-enough-password'), mongo)).toBe(2);
  });
});
