import { testInfra, uniqueName } from '@ediary/testing';
import mongoose, { type Connection, type Model } from 'mongoose';
import { DigestItem, DigestItemSchema } from './digest-item.schema';
import { DigestRepository } from './digest.repository';

const item = (guardianId: string, itemKey: string) => ({
  guardianId,
  itemKey,
  kind: 'mark' as const,
  studentId: 'student-1',
  dataJson: JSON.stringify({ subject: 'Физика', value: 5 }),
});

describe('DigestRepository.addMany', () => {
  let connection: Connection;
  let model: Model<DigestItem>;
  let repository: DigestRepository;

  beforeAll(async () => {
    connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: uniqueName('digest-items') }).asPromise();
    model = connection.model(DigestItem.name, DigestItemSchema);
    await model.createIndexes();
    repository = new DigestRepository(model);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores new items and skips ones already stored', async () => {
    const first = await repository.addMany([item('g-1', 'mark:a'), item('g-2', 'mark:a'), item('g-1', 'mark:b')]);
    const second = await repository.addMany([item('g-1', 'mark:a'), item('g-1', 'mark:c'), item('g-2', 'mark:a')]);

    expect(first).toBe(3);
    expect(second).toBe(1);
    expect(await model.countDocuments({ guardianId: 'g-1' })).toBe(3);
    expect(await model.countDocuments({ guardianId: 'g-2' })).toBe(1);
  });

  it('stores an item repeated within one call once', async () => {
    const added = await repository.addMany([item('g-3', 'mark:x'), item('g-3', 'mark:x'), item('g-3', 'mark:y')]);

    expect(added).toBe(2);
    expect(await model.countDocuments({ guardianId: 'g-3' })).toBe(2);
  });

  it('stores items waiting for a digest with timestamps', async () => {
    const before = Date.now();
    await repository.addMany([item('g-4', 'mark:z')]);
    const waiting = (await repository.allWaiting(new Date(Date.now() + 1000))).filter((entry) => entry.guardianId === 'g-4');

    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.digestKey).toBeNull();
    expect(waiting[0]?.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});
