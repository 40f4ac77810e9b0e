import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';

/** bcrypt cost factor: 2^12 rounds of the key setup. */
export const BCRYPT_COST = 12;

/** Minimum password length that create-operator accepts. */
export const MIN_PASSWORD_LENGTH = 12;

/** Hashes and verifies operator passwords with bcrypt. */
@Injectable()
export class PasswordService {
  /**
   * Hash of a random password, compared against when a login is unknown, so that a sign-in
   * with an unknown login takes as long as one with a wrong password.
   */
  private readonly decoyHash = bcrypt.hashSync(randomBytes(18).toString('base64'), BCRYPT_COST);

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, BCRYPT_COST);
  }

  /** Compares against the stored hash, or against the decoy hash when there is none. */
  async verify(password: string, passwordHash: string | null): Promise<boolean> {
    const matches = await bcrypt.compare(password, passwordHash ?? this.decoyHash);
    return matches && passwordHash !== null;
  }

  /** Cost factor of a stored hash, e.g. 12 for "$2b$12$…". */
  static costOf(passwordHash: string): number {
    return bcrypt.getRounds(passwordHash);
  }
}
