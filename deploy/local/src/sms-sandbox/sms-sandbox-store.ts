import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SmsEncoding } from './segments';

/** Name of the JSON Lines file inside the data directory, one line per create request. */
export const SMS_MESSAGES_FILE = 'messages.jsonl';

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

/**
 * One create request as stored in messages.jsonl. The line is written once, when the sandbox
 * responds to the request, so `status` there is 'queued' or 'rejected'. GET /sandbox/messages
 * returns the same records with the current status.
 */
export interface SmsRecord {
  /** Message SID, null for a rejected request. */
  sid: string | null;
  to: string | null;
  from: string | null;
  messagingServiceSid: string | null;
  body: string | null;
  numSegments: number | null;
  encoding: SmsEncoding | null;
  status: MessageStatus | 'rejected';
  /** Twilio error code of the rejection or of the failed delivery. */
  errorCode: number | null;
  /** ISO 8601 time of the create request. */
  createdAt: string;
  statusCallback: string | null;
  /** Remark from the sandbox, such as a status callback it did not send. */
  note: string | null;
}

export interface WaitForSmsOptions {
  timeoutMs: number;
  pollIntervalMs?: number;
  /** Text for the timeout error, such as "an SMS to +79990000001". */
  description?: string;
}

const DEFAULT_POLL_INTERVAL_MS = 50;

/**
 * Reads every complete line of messages.jsonl. Returns an empty array when the file does not
 * exist yet. A trailing line without a newline is skipped because the sandbox may still be writing it.
 */
export async function readSmsRecords(dataDir: string): Promise<SmsRecord[]> {
  const filePath = join(dataDir, SMS_MESSAGES_FILE);

  let content: string;
  try {
    content = await readFile(filePath, 'utf8');
  } catch (error) {
    // Checks the code alone, because under jest errors from node:fs fail `instanceof Error`.
    if (typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  const lines = content.split('\n');
  lines.pop();

  const records: SmsRecord[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line) as SmsRecord);
    } catch (error) {
      throw new Error(`Invalid JSON on line ${index + 1} of ${filePath}: ${(error as Error).message}`);
    }
  });
  return records;
}

/** Polls messages.jsonl until a record matches `predicate` and returns the first match. */
export async function waitForSmsRecord(
  dataDir: string,
  predicate: (record: SmsRecord) => boolean,
  options: WaitForSmsOptions,
): Promise<SmsRecord> {
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const deadline = Date.now() + options.timeoutMs;

  for (;;) {
    const records = await readSmsRecords(dataDir);
    const match = records.find(predicate);
    if (match) return match;

    if (Date.now() >= deadline) {
      const wanted = options.description ?? `a record matching ${predicate.toString()}`;
      throw new Error(
        `Timed out after ${options.timeoutMs} ms waiting for ${wanted} in ${join(dataDir, SMS_MESSAGES_FILE)} ` +
          `(${records.length} records, none matched)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}
