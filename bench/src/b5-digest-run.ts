import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { localDate } from '../../apps/notifications-service/src/delivery-policy/digest-schedule';
import { contentKey } from '../../apps/notifications-service/src/dispatch/content-key';
import { compileRawDigest } from './b4-render';
import { ENDPOINTS } from './environment';
import { guardianName, pick } from './fixtures';
import { compare, expectCount, log, throughput, timeStage, type Comparison, type StageTiming } from './measure';
import { deleteQueueKeys, deliveryJobId, notificationIdFor, ServiceContext } from './service-context';

/** Jobs per addBulk call of the baseline's enqueue stage, as in B1. */
const BATCH_SIZE = 500;
/** Documents per insertMany call while preparing a round. */
const INSERT_CHUNK = 5_000;
const MARKS_PER_STUDENT = 3;
const HOMEWORK_PER_STUDENT = 2;

const CHILDREN = ['Иван', 'Алексей', 'Дарья', 'Полина', 'Артём', 'София'];
const SUBJECTS = ['Математика', 'Русский язык', 'Физика', 'История', 'Литература'];
const SCHOOL = { schoolId: 'school-1', name: 'Школа № 1', timeZone: 'UTC' };

type Stage = 'read' | 'render' | 'enqueue';

/** The data of one round, shared by the baseline and system side of that round. */
interface PreparedRound {
  context: ServiceContext;
  at: Date;
  guardians: number;
  items: number;
  /** Notification id of each guardian's email digest, as the service derives it. */
  notificationIds: string[];
}

interface SeedItem {
  guardianId: string;
  itemKey: string;
  kind: 'mark' | 'homework';
  studentId: string;
  dataJson: string;
}

/** Students of guardian `index`: two for two guardians in three, one for the third. */
function studentsOf(index: number) {
  const surname = guardianName(index).split(' ')[0]?.replace(/а$/u, '') ?? '';
  return Array.from({ length: index % 3 === 2 ? 1 : 2 }, (_, child) => ({
    studentId: `s${index}-${child}`,
    classId: `c${index % 40}`,
    fullName: `${pick(CHILDREN, index + child)} ${surname}`,
  }));
}

/**
 * Digest items of one student, keyed and serialised as DispatchService.onMark and
 * onHomework store them.
 */
function itemsOfStudent(guardianId: string, studentId: string, seed: number): SeedItem[] {
  const items: SeedItem[] = [];
  for (let mark = 0; mark < MARKS_PER_STUDENT; mark += 1) {
    const content = {
      subject: pick(SUBJECTS, seed + mark),
      value: ((seed + mark) % 4) + 2,
      assignmentType: 'Контрольная работа',
      lessonDate: `2025-03-1${mark}`,
      overdue: mark === 2,
      action: 'recorded',
    };
    const itemKey = contentKey('mark', `m-${studentId}-${mark}`, content);
    items.push({ guardianId, itemKey, kind: 'mark', studentId, dataJson: JSON.stringify(content) });
  }
  for (let task = 0; task < HOMEWORK_PER_STUDENT; task += 1) {
    const content = {
      subject: pick(SUBJECTS, seed + task + 2),
      dueDate: `2025-03-2${task}`,
      text: `Параграф ${task + 12}, упражнения ${seed % 50}–${(seed % 50) + 3}.\nПовторить правила.`,
    };
    const itemKey = `${contentKey('homework', `h-${seed % 40}-${task}`, content)}:${studentId}`;
    items.push({ guardianId, itemKey, kind: 'homework', studentId, dataJson: JSON.stringify(content) });
  }
  return items;
}

async function insertInChunks(collection: { insertMany(docs: object[], options: { ordered: boolean }): Promise<unknown> }, docs: object[]) {
  for (let start = 0; start < docs.length; start += INSERT_CHUNK) {
    await collection.insertMany(docs.slice(start, start + INSERT_CHUNK), { ordered: false });
  }
}

/**
 * Opens a fresh context and stores the read model of `guardians` guardians, each with
 * email consent granted, and their waiting digest items, by bulk driver inserts.
 */
async function prepareRound(prefix: string, guardians: number): Promise<PreparedRound> {
  const context = await ServiceContext.open(prefix);
  const at = new Date();
  const createdAt = new Date(at.getTime() - 3600_000);
  const day = localDate(at, SCHOOL.timeZone);
  const contacts: object[] = [];
  const consents: object[] = [];
  const items: object[] = [];
  const notificationIds: string[] = [];

  for (let index = 0; index < guardians; index += 1) {
    const guardianId = `g${index}`;
    const students = studentsOf(index);
    contacts.push({
      guardianId,
      schoolId: SCHOOL.schoolId,
      fullName: guardianName(index),
      students,
      email: `guardian${index}@school1.example`,
      phone: null,
      channels: ['email'],
      revision: 1,
      createdAt,
      updatedAt: createdAt,
    });
    consents.push({ guardianId, personalDataProcessing: 'granted', electronicInformation: 'granted', revision: 1, createdAt, updatedAt: createdAt });

    const guardianItems = students.flatMap((student, child) => itemsOfStudent(guardianId, student.studentId, index + child));
    for (const item of guardianItems) items.push({ ...item, digestKey: null, createdAt, updatedAt: createdAt });
    const dedupeKey = contentKey('daily-digest', day, guardianItems.map((item) => item.itemKey).sort());
    notificationIds.push(notificationIdFor(dedupeKey, guardianId, 'email'));
  }

  await insertInChunks(context.models.contacts.collection, contacts);
  await insertInChunks(context.models.consent.collection, consents);
  await insertInChunks(context.models.digestItem.collection, items);
  return { context, at, guardians, items: items.length, notificationIds };
}

interface RawItem {
  guardianId: string;
  studentId: string;
  kind: 'mark' | 'homework';
  dataJson: string;
}

interface RawContacts {
  guardianId: string;
  fullName: string;
  students: { studentId: string; fullName: string }[];
}

/** Template data of one guardian's digest, built from the documents the read stage returned. */
function digestDataOf(contacts: RawContacts, items: RawItem[], date: string) {
  const children = contacts.students
    .map((student) => {
      const own = items.filter((item) => item.studentId === student.studentId);
      return {
        studentName: student.fullName,
        marks: own.filter((item) => item.kind === 'mark').map((item) => JSON.parse(item.dataJson) as unknown),
        homework: own.filter((item) => item.kind === 'homework').map((item) => JSON.parse(item.dataJson) as unknown),
      };
    })
    .filter((child) => child.marks.length + child.homework.length > 0);
  return { guardianName: contacts.fullName, schoolName: SCHOOL.name, date, children };
}

/**
 * B5: DigestService.run over a full read model, against the slowest of three raw stages
 * doing the same work: a driver read, plain Handlebars rendering and BullMQ addBulk.
 */
export async function benchDigestRun(redis: Redis, runPrefix: string, size: { guardians: number; rounds: number }): Promise<Comparison> {
  const templates = compileRawDigest();
  const prepared = new Map<string, Promise<PreparedRound>>();
  // Both sides of a round use the same data: the baseline only reads it, and the system
  // side runs second, disposing the context afterwards.
  const preparedFor = (round: string) => {
    let entry = prepared.get(round);
    if (!entry) {
      entry = prepareRound(`${runPrefix}-b5-${round}`, size.guardians);
      prepared.set(round, entry);
    }
    return entry;
  };
  const stageRecords: { round: string; timings: Record<Stage, StageTiming>; slowest: Stage }[] = [];
  let itemsPerRound = 0;

  const baseline = async (round: string): Promise<StageTiming> => {
    const { context, at, guardians, notificationIds } = await preparedFor(round);
    const itemsCollection = context.models.digestItem.collection;
    const contactsCollection = context.models.contacts.collection;
    const consentsCollection = context.models.consent.collection;
    const date = localDate(at, SCHOOL.timeZone);

    let items: RawItem[] = [];
    let contacts: RawContacts[] = [];
    let consentCount = 0;
    const read = await timeStage(redis, guardians, async () => {
      items = (await itemsCollection.find({ digestKey: null, createdAt: { $lte: at } }).toArray()) as unknown as RawItem[];
      const ids = [...new Set(items.map((item) => item.guardianId))];
      contacts = (await contactsCollection.find({ guardianId: { $in: ids } }).toArray()) as unknown as RawContacts[];
      consentCount = (await consentsCollection.find({ guardianId: { $in: ids } }).toArray()).length;
    });
    expectCount('B5 baseline guardians read', guardians, contacts.length);
    expectCount('B5 baseline consents read', guardians, consentCount);

    let rendered = 0;
    const render = await timeStage(redis, guardians, async () => {
      const byGuardian = new Map<string, RawItem[]>();
      for (const item of items) {
        const list = byGuardian.get(item.guardianId);
        if (list) list.push(item);
        else byGuardian.set(item.guardianId, [item]);
      }
      for (const guardian of contacts) {
        const data = digestDataOf(guardian, byGuardian.get(guardian.guardianId) ?? [], date);
        const subject = templates.subject(data);
        const parts = [templates.text(data), templates.html(data, { data: { subjectLine: subject } }), templates.sms(data)];
        if (parts.every((part) => part.length > 0)) rendered += 1;
      }
    });
    expectCount('B5 baseline rendered digests', guardians, rendered);

    // A queue prefix of its own, so that the system side later finds its queue empty.
    const queuePrefix = `${context.prefix}-base`;
    const queue = new Queue('email', {
      connection: { host: '127.0.0.1', port: Number(new URL(ENDPOINTS.redisUrl).port), maxRetriesPerRequest: null },
      prefix: queuePrefix,
      defaultJobOptions: {
        attempts: context.config.delivery.attempts,
        backoff: { type: 'exponential', delay: context.config.delivery.backoffMs },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
    await queue.waitUntilReady();
    const enqueue = await timeStage(redis, guardians, async () => {
      for (let start = 0; start < notificationIds.length; start += BATCH_SIZE) {
        const batch = notificationIds.slice(start, start + BATCH_SIZE);
        await queue.addBulk(
          batch.map((notificationId) => ({ name: 'deliver', data: { notificationId }, opts: { jobId: deliveryJobId(notificationId, 'email'), delay: 0 } })),
        );
      }
    });
    expectCount('B5 baseline jobs waiting', guardians, await queue.getWaitingCount());
    await queue.close();
    await deleteQueueKeys(ENDPOINTS.redisUrl, queuePrefix);

    const timings = { read, render, enqueue };
    const slowest = (Object.keys(timings) as Stage[]).reduce((worst, stage) => (throughput(timings[stage]) < throughput(timings[worst]) ? stage : worst));
    stageRecords.push({ round, timings, slowest });
    log(
      `B5: ${round} baseline stages: read ${throughput(read).toFixed(0)}/s, render ${throughput(render).toFixed(0)}/s, ` +
        `enqueue ${throughput(enqueue).toFixed(0)}/s; slowest ${slowest}`,
    );
    return timings[slowest];
  };

  const system = async (round: string): Promise<StageTiming> => {
    const { context, at, guardians, items, notificationIds } = await preparedFor(round);
    prepared.delete(round);
    itemsPerRound = items;
    try {
      let result = { guardians: 0, items: 0 };
      const timing = await timeStage(redis, guardians, async () => {
        result = await context.digest.run(at);
      });
      expectCount('B5 system guardians reported by the run', guardians, result.guardians);
      expectCount('B5 system items reported by the run', items, result.items);
      expectCount('B5 system email jobs waiting', guardians, await context.queues.queue('email').getWaitingCount());
      expectCount('B5 system email jobs in any state', guardians, await context.queues.queue('email').count());
      expectCount('B5 system sms jobs', 0, await context.queues.queue('sms').count());
      const notifications = context.models.notification.collection;
      expectCount('B5 system notifications', guardians, await notifications.countDocuments({}));
      expectCount('B5 system queued daily-digest emails', guardians, await notifications.countDocuments({ kind: 'daily-digest', channel: 'email', status: 'queued' }));
      await expectDigestsAsPlanned(context, notificationIds);
      return timing;
    } finally {
      await context.dispose();
    }
  };

  let result: Comparison;
  try {
    result = await compare({ id: 'B5', title: `daily digest run for ${size.guardians} guardians`, goal: 0.7, rounds: size.rounds }, baseline, system);
  } finally {
    // A side that failed leaves its round's data behind. A failed preparation has nothing to dispose.
    for (const entry of prepared.values()) await entry.then((round) => round.context.dispose(), () => undefined);
  }
  result.title = `daily digest run for ${size.guardians} guardians (${itemsPerRound} digest items)`;
  result.notes.push(
    'Every guardian has email consent granted and 1–2 children with 3 marks and 2 homework tasks each, stored by bulk inserts before the round. Both sides of a round use the same data.',
    'System: DigestService.run, which reads the waiting items and guardians, then for each guardian in turn creates the notification, adds its email job and marks its items with the digest key. It renders nothing: the delivery worker renders each digest when it sends it.',
    'Marking the items takes almost all of the system time: FerretDB 1.24 on SQLite uses no index for an update and scans the whole collection for every updated document, so the system side grows with the square of the size.',
    `Baseline: the slowest of three stages, each timed alone. They are a driver find of the waiting items, contacts and consents, then plain compiled Handlebars rendering of every digest, then BullMQ addBulk in batches of ${BATCH_SIZE}.`,
    `Baseline stages per round, digests a second (slowest marked *): ${stageRecords
      .filter((record) => record.round !== 'warmup')
      .map((record) => `${record.round} ${(['read', 'render', 'enqueue'] as Stage[]).map((stage) => `${stage} ${throughput(record.timings[stage]).toFixed(0)}${stage === record.slowest ? '*' : ''}`).join(' / ')}`)
      .join(', ')}.`,
  );
  return result;
}

/**
 * Checks that the run stored the notification ids the baseline enqueued, that no item still
 * waits, and that each item carries its guardian's notification dedupe key.
 */
async function expectDigestsAsPlanned(context: ServiceContext, notificationIds: string[]): Promise<void> {
  const planned = new Set(notificationIds);
  let unplanned = 0;
  for await (const notification of context.models.notification.collection.find({}, { projection: { notificationId: 1 } })) {
    if (!planned.has(String(notification['notificationId']))) unplanned += 1;
  }
  expectCount('B5 system notifications with another id than planned', 0, unplanned);

  const items = context.models.digestItem.collection;
  expectCount('B5 system items still waiting', 0, await items.countDocuments({ digestKey: null }));
  const dedupeKeys = new Map<string, string>();
  for await (const notification of context.models.notification.collection.find({}, { projection: { guardianId: 1, dedupeKey: 1 } })) {
    dedupeKeys.set(String(notification['guardianId']), String(notification['dedupeKey']));
  }
  let mismatched = 0;
  for await (const item of items.find({}, { projection: { guardianId: 1, digestKey: 1 } })) {
    if (dedupeKeys.get(String(item['guardianId'])) !== item['digestKey']) mismatched += 1;
  }
  expectCount('B5 system items with another digest key than their notification', 0, mismatched);
}
