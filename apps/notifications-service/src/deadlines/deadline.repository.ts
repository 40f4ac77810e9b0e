import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { insertNew } from '@ediary/mongo';
import type { Model } from 'mongoose';
import { DeadlineItem } from './deadline-item.schema';

const DUPLICATE_KEY = 11000;

@Injectable()
export class DeadlineRepository {
  constructor(@InjectModel(DeadlineItem.name) private readonly items: Model<DeadlineItem>) {}

  /** Creates the item unless it exists; the unique itemId makes redelivery harmless. */
  async createOnce(item: Omit<DeadlineItem, 'deliveredAt' | 'deliveredVia'>): Promise<void> {
    try {
      await this.items.create({ ...item, deliveredAt: null, deliveredVia: null });
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
  }

  /** Creates the items that do not exist yet with one unordered insert, for a batch of events. */
  async createMany(items: Omit<DeadlineItem, 'deliveredAt' | 'deliveredVia'>[]): Promise<void> {
    if (items.length === 0) return;
    const now = new Date();
    const documents = items.map((item) => ({ ...item, deliveredAt: null, deliveredVia: null, createdAt: now, updatedAt: now }));
    await insertNew(this.items, documents);
  }

  /** Records the first delivery; later ones keep the first moment. */
  async markDelivered(itemId: string, at: Date, via: string): Promise<void> {
    await this.items.updateOne({ itemId, deliveredAt: null }, { $set: { deliveredAt: at, deliveredVia: via } });
  }

  findAll(filter: { guardianId?: string; studentId?: string; openOnly?: boolean }, limit: number): Promise<DeadlineItem[]> {
    const query: Record<string, unknown> = {};
    if (filter.guardianId) query['guardianId'] = filter.guardianId;
    if (filter.studentId) query['studentId'] = filter.studentId;
    if (filter.openOnly) query['deliveredAt'] = null;
    return this.items.find(query).sort({ deadlineAt: 1 }).limit(limit).lean();
  }

  findById(itemId: string): Promise<DeadlineItem | null> {
    return this.items.findOne({ itemId }).lean();
  }
}
