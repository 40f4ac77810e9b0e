import { testInfra, uniqueName } from '@ediary/testing';
import mongoose, { type Connection, type Model } from 'mongoose';
import { NotificationRepository, notificationIdFor, type NewNotification } from './notification.repository';
import { Notification, NotificationSchema } from './notification.schema';

const news = (guardianId: string, dedupeKey = 'exam-result:e1'): NewNotification => ({
  dedupeKey,
  guardianId,
  schoolId: 'school-1',
  studentIds: ['student-1'],
  channel: 'email',
  kind: 'exam-result',
  templateData: { subject: 'Математика', score: 21 },
  recipient: `${guardianId}@school.example`,
  status: 'queued',
  deadlineItemId: `${dedupeKey}:${guardianId}`,
});

describe('NotificationRepository.createMany', () => {
  let connection: Connection;
  let model: Model<Notification>;
  let repository: NotificationRepository;

  beforeAll(async () => {
    connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: uniqueName('notifications') }).asPromise();
    model = connection.model(Notification.name, NotificationSchema);
    await model.createIndexes();
    repository = new NotificationRepository(model);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores every new notification as createOnce would', async () => {
    const [stored] = await repository.createMany([news('g-1')]);
    const found = await repository.findById(notificationIdFor('exam-result:e1', 'g-1', 'email'));

    expect(stored?.status).toBe('queued');
    expect(found?.history.map((change) => change.status)).toEqual(['queued']);
    expect(found?.attempts).toBe(0);
    expect(JSON.parse(found?.templateDataJson ?? '{}')).toEqual({ subject: 'Математика', score: 21 });
  });

  it('returns an existing notification as stored, not as requested', async () => {
    await repository.createMany([news('g-2')]);
    await repository.transition(notificationIdFor('exam-result:e1', 'g-2', 'email'), 'sent');

    const again = await repository.createMany([news('g-2'), news('g-3')]);

    expect(again.map((notification) => [notification.guardianId, notification.status])).toEqual([
      ['g-2', 'sent'],
      ['g-3', 'queued'],
    ]);
    expect(await model.countDocuments({ guardianId: 'g-2' })).toBe(1);
  });

  it('stores a notification repeated within one call once', async () => {
    const stored = await repository.createMany([news('g-4', 'final-grade:f1'), news('g-4', 'final-grade:f1')]);

    expect(stored).toHaveLength(2);
    expect(stored[0]?.notificationId).toBe(stored[1]?.notificationId);
    expect(await model.countDocuments({ guardianId: 'g-4' })).toBe(1);
  });
});
