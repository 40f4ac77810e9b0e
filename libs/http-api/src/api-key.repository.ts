import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Model } from 'mongoose';
import { ApiKey, type ApiKeyRole } from './api-key.schema';

const KEY_PATTERN = /^ek_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface IssuedApiKey {
  keyId: string;
  /** The whole key; shown once, never stored. */
  apiKey: string;
  role: ApiKeyRole;
}

/**
 * API keys are long random secrets, so a fast hash is enough: guessing one from its
 * hash is as hard as guessing the key itself.
 */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectModel(ApiKey.name) private readonly keys: Model<ApiKey>) {}

  async issue(role: ApiKeyRole, clientName: string): Promise<IssuedApiKey> {
    const keyId = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
    const secret = randomBytes(32).toString('base64url');
    await this.keys.create({ keyId, secretHash: hashSecret(secret), role, clientName });
    return { keyId, apiKey: `ek_${keyId}_${secret}`, role };
  }

  /** Returns the role and id of a valid, unrevoked key, or null. */
  async verify(apiKey: string): Promise<{ keyId: string; role: ApiKeyRole } | null> {
    const match = KEY_PATTERN.exec(apiKey);
    if (!match?.[1] || !match[2]) return null;
    const stored = await this.keys.findOne({ keyId: match[1], revokedAt: null }).lean();
    if (!stored) return null;
    const expected = Buffer.from(stored.secretHash, 'hex');
    const actual = Buffer.from(hashSecret(match[2]), 'hex');
    return timingSafeEqual(expected, actual) ? { keyId: stored.keyId, role: stored.role } : null;
  }

  async revoke(keyId: string): Promise<boolean> {
    const result = await this.keys.updateOne({ keyId, revokedAt: null }, { revokedAt: new Date() });
    return result.modifiedCount === 1;
  }
}
