export * from './twilio-client';
export * from './sms-segments';
