import { testInfra, uniqueName } from '@ediary/testing';
import mongoose, { Schema, type Connection } from 'mongoose';

interface DeliveryRecord {
  notificationId: string;
  channel: string;
  subject: string;
}

const deliverySchema = new Schema<DeliveryRecord>({
  notificationId: { type: String, required: true },
  channel: { type: String, required: true },
  subject: { type: String, required: true },
});
// Stops a second delivery of one notification over the same channel.
deliverySchema.index({ notificationId: 1, channel: 1 }, { unique: true });

const DUPLICATE_KEY = 11000;

describe('mongoose on the Mongo-compatible server', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(testInfra().mongoUrl, { dbName: uniqueName('mongo'), serverSelectionTimeoutMS: 5000 })
      .asPromise();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('writes and reads a document with Cyrillic text', async () => {
    const Delivery = connection.model('Delivery', deliverySchema);
    await Delivery.init();

    await Delivery.create({ notificationId: 'n-1', channel: 'email', subject: 'Итоговая отметка за четверть' });
    const stored = await Delivery.findOne({ notificationId: 'n-1' }).lean();

    expect(stored?.channel).toBe('email');
    expect(stored?.subject).toBe('Итоговая отметка за четверть');
  });

  it('rejects a duplicate of a unique key', async () => {
    const Delivery = connection.model('Delivery', deliverySchema);
    await Delivery.init();
    await Delivery.create({ notificationId: 'n-2', channel: 'sms', subject: 'a' });

    const duplicate = Delivery.create({ notificationId: 'n-2', channel: 'sms', subject: 'b' });

    await expect(duplicate).rejects.toMatchObject({ code: DUPLICATE_KEY });
    expect(await Delivery.countDocuments({ notificationId: 'n-2' })).toBe(1);
  });

  it('accepts the same notification on another channel', async () => {
    const Delivery = connection.model('Delivery', deliverySchema);
    await Delivery.init();
    await Delivery.create({ notificationId: 'n-3', channel: 'sms', subject: 'a' });

    await Delivery.create({ notificationId: 'n-3', channel: 'email', subject: 'a' });

    expect(await Delivery.countDocuments({ notificationId: 'n-3' })).toBe(2);
  });
});
