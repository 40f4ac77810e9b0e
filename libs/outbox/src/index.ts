export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { outboxFields, pendingEvent, PendingEvent, PendingEventSchema, type OutboxDocumentFields } from './pending-event';
