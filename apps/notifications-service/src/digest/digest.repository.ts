import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { insertNew } from '@ediary/mongo';
import type { Model } from 'mongoose';
import { DigestItem } from './digest-item.schema';

const DUPLICATE_KEY = 11000;

@Injectable()
export class DigestRepository {
  constructor(@InjectModel(DigestItem.name) private readonly items: Model<DigestItem>) {}

  /** Adds the item unless this guardian already has it; returns whether it was added. */
  async addOnce(item: Pick<DigestItem, 'guardianId' | 'itemKey' | 'kind' | 'studentId' | 'dataJson'>): Promise<boolean> {
    try {
      await this.items.create({ ...item, digestKey: null });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      return false;
    }
  }

  /**
   * Adds many items with one unordered insert; returns how many were new. An item this
   * guardian already has fails alone on the unique index and counts as stored, so a
   * redelivered batch adds only what is missing.
   */
  async addMany(items: Pick<DigestItem, 'guardianId' | 'itemKey' | 'kind' | 'studentId' | 'dataJson'>[]): Promise<number> {
    if (items.length === 0) return 0;
    const now = new Date();
    // insertNew bypasses mongoose, so the schema's defaults and timestamps are set here.
    const documents = items.map((item) => ({ ...item, digestKey: null, createdAt: now, updatedAt: now }));
    const alreadyStored = await insertNew(this.items, documents);
    return items.length - alreadyStored.length;
  }

  /** Returns every item still waiting that was stored before the cut-off, oldest first. */
  allWaiting(before: Date): Promise<DigestItem[]> {
    return this.items.find({ digestKey: null, createdAt: { $lte: before } }).sort({ createdAt: 1 }).lean();
  }

  async assign(guardianId: string, itemKeys: string[], digestKey: string): Promise<void> {
    await this.items.updateMany({ guardianId, itemKey: { $in: itemKeys }, digestKey: null }, { $set: { digestKey } });
  }
}
