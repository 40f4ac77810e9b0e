import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ConsoleSession, OperatorAccount, SignInFailures } from './console-auth.schema';

const DUPLICATE_KEY = 11000;

const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;

export class OperatorLoginTakenError extends Error {
  readonly code = 'OPERATOR_LOGIN_TAKEN';

  constructor(readonly login: string) {
    super(`An operator account with login ${JSON.stringify(login)} already exists`);
    this.name = 'OperatorLoginTakenError';
  }
}

/** Operator accounts, console sessions and sign-in failure counters. */
@Injectable()
export class ConsoleAuthRepository {
  constructor(
    @InjectModel(OperatorAccount.name) private readonly accounts: Model<OperatorAccount>,
    @InjectModel(ConsoleSession.name) private readonly sessions: Model<ConsoleSession>,
    @InjectModel(SignInFailures.name) private readonly failures: Model<SignInFailures>,
  ) {}

  /** Creates the account; the unique login index, not a prior read, rejects a taken login. */
  async createAccount(login: string, passwordHash: string): Promise<void> {
    try {
      await this.accounts.create({ login, passwordHash });
    } catch (error) {
      if (isDuplicateKey(error)) throw new OperatorLoginTakenError(login);
      throw error;
    }
  }

  findAccount(login: string): Promise<OperatorAccount | null> {
    return this.accounts.findOne({ login }).lean();
  }

  findFailures(login: string): Promise<SignInFailures | null> {
    return this.failures.findOne({ login }).lean();
  }

  /**
   * Adds one failure and returns the new count. Two first failures at once both try to insert
   * the counter; the unique index rejects one, which then increments the other's.
   * NOTE: FerretDB 1.24 applies $inc as read, modify, write back, so two concurrent failures of
   * one login may count as one. The lockout then comes an attempt or two later.
   */
  async addFailure(login: string): Promise<number> {
    const increment = () =>
      this.failures.findOneAndUpdate({ login }, { $inc: { failures: 1 } }, { upsert: true, new: true }).lean();
    let counter: SignInFailures | null;
    try {
      counter = await increment();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      counter = await increment();
    }
    return counter?.failures ?? 1;
  }

  async lock(login: string, until: Date): Promise<void> {
    await this.failures.updateOne({ login }, { $set: { lockedUntil: until, failures: 0 } });
  }

  async clearFailures(login: string): Promise<void> {
    await this.failures.deleteOne({ login });
  }

  async createSession(session: ConsoleSession): Promise<void> {
    await this.sessions.create(session);
  }

  findSession(sessionIdHash: string): Promise<ConsoleSession | null> {
    return this.sessions.findOne({ sessionIdHash }).lean();
  }

  async deleteSession(sessionIdHash: string): Promise<void> {
    await this.sessions.deleteOne({ sessionIdHash });
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.sessions.deleteMany({ expiresAt: { $lte: now } });
  }
}
