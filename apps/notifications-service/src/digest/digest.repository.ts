import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
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

  /** Returns every item still waiting that was stored before the cut-off, oldest first. */
  allWaiting(before: Date): Promise<DigestItem[]> {
    return this.items.find({ digestKey: null, createdAt: { $lte: before } }).sort({ createdAt: 1 }).lean();
  }

  async assign(guardianId: string, itemKeys: string[], digestKey: string): Promise<void> {
    await this.items.updateMany({ guardianId, itemKey: { $in: itemKeys }, digestKey: null }, { $set: { digestKey } });
  }
}
