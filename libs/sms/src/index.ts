export * from './twilio-client';
