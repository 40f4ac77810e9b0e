import type { z } from 'zod';
import { deadLetterSchema } from './dead-letter';
import { consentStateSchema, contactsStateSchema } from './guardians';
import { examResultRecordedSchema, finalGradeChangedSchema, homeworkAssignedSchema, markChangedSchema } from './journal';

/**
 * Kafka topic names without the deployment's prefix (see KafkaModule's topicPrefix).
 * The version suffix changes only with an incompatible payload.
 */
export const TOPICS = {
  marks: 'journal.marks.v1',
  homework: 'journal.homework.v1',
  finalGrades: 'journal.final-grades.v1',
  examResults: 'journal.exam-results.v1',
  consentState: 'consent.guardian-state.v1',
  contactsState: 'contacts.guardian-state.v1',
  deadLetter: 'platform.dead-letter.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

interface TopicDefinition<Schema extends z.ZodType> {
  /** Envelope "type" of every event on the topic. */
  eventType: string;
  schemaVersion: number;
  payload: Schema;
  /** Payload field used as the message key, so that events of one key keep their order. */
  key: string;
  /** Compacted topics keep the latest state per key instead of a history. */
  compacted: boolean;
}

export const TOPIC_DEFINITIONS = {
  [TOPICS.marks]: {
    eventType: 'MarkChanged',
    schemaVersion: 1,
    payload: markChangedSchema,
    key: 'studentId',
    compacted: false,
  },
  [TOPICS.homework]: {
    eventType: 'HomeworkAssigned',
    schemaVersion: 1,
    payload: homeworkAssignedSchema,
    key: 'classId',
    compacted: false,
  },
  [TOPICS.finalGrades]: {
    eventType: 'FinalGradeChanged',
    schemaVersion: 1,
    payload: finalGradeChangedSchema,
    key: 'studentId',
    compacted: false,
  },
  [TOPICS.examResults]: {
    eventType: 'ExamResultRecorded',
    schemaVersion: 1,
    payload: examResultRecordedSchema,
    key: 'studentId',
    compacted: false,
  },
  [TOPICS.consentState]: {
    eventType: 'ConsentStateChanged',
    schemaVersion: 1,
    payload: consentStateSchema,
    key: 'guardianId',
    compacted: true,
  },
  [TOPICS.contactsState]: {
    eventType: 'ContactsStateChanged',
    schemaVersion: 1,
    payload: contactsStateSchema,
    key: 'guardianId',
    compacted: true,
  },
  [TOPICS.deadLetter]: {
    eventType: 'DeadLetter',
    schemaVersion: 1,
    payload: deadLetterSchema,
    key: 'sourceTopic',
    compacted: false,
  },
} as const satisfies { [Name in TopicName]: TopicDefinition<z.ZodType> };

/** Payload type of each topic, so that publishing a wrong payload does not compile. */
export type TopicPayloadMap = {
  [Name in TopicName]: z.output<(typeof TOPIC_DEFINITIONS)[Name]['payload']>;
};

/** Payload as a producer passes it, before the schema fills in defaults on validation. */
export type TopicPayloadInput<Name extends TopicName> = z.input<(typeof TOPIC_DEFINITIONS)[Name]['payload']>;

export type TopicPayload<Name extends TopicName> = TopicPayloadMap[Name];
