import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Name of the JSON Lines index inside the data directory, one line per stored message. */
export const MAIL_INDEX_FILE = 'index.jsonl';

/** Directory inside the data directory that contains the `<id>.eml` files. */
export const MAIL_MESSAGES_DIR = 'messages';

/** One line of `index.jsonl`. */
export interface MailIndexEntry {
  id: string;
  /** ISO 8601 time at which the message was stored. */
  receivedAt: string;
  /** MAIL FROM address, an empty string for the null sender. */
  envelopeFrom: string;
  /** RCPT TO addresses that the sink accepted. */
  envelopeTo: string[];
  /** Decoded Subject header, null when the message has none. */
  subject: string | null;
  sizeBytes: number;
  /** Path of the .eml file relative to the data directory, with forward slashes. */
  file: string;
}

export interface WaitForMailOptions {
  timeoutMs: number;
  pollIntervalMs?: number;
  /** Text for the timeout error, such as "a message to parent@example.org". */
  description?: string;
}

const MESSAGE_ID_PATTERN = /^[A-Za-z0-9._-]+$/;
const DEFAULT_POLL_INTERVAL_MS = 50;

/**
 * Reads every complete line of the index. Returns an empty array when the sink has stored
 * nothing yet. A trailing line without a newline is skipped because the sink may still be
 * writing it.
 */
export async function readMailIndex(dataDir: string): Promise<MailIndexEntry[]> {
  const indexPath = join(dataDir, MAIL_INDEX_FILE);

  let content: string;
  try {
    content = await readFile(indexPath, 'utf8');
  } catch (error) {
    if (isFileNotFound(error)) return [];
    throw error;
  }

  const lines = content.split('\n');
  // The last element is either '' after the final newline or a line still being written.
  lines.pop();

  const entries: MailIndexEntry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      entries.push(JSON.parse(line) as MailIndexEntry);
    } catch (error) {
      throw new Error(`Invalid JSON on line ${index + 1} of ${indexPath}: ${(error as Error).message}`);
    }
  });
  return entries;
}

/** Reads the stored bytes of one message, exactly as the sink received them. */
export async function readRawMessage(dataDir: string, id: string): Promise<Buffer> {
  if (!MESSAGE_ID_PATTERN.test(id)) {
    throw new Error(`Invalid message id ${JSON.stringify(id)}: expected letters, digits, '.', '_' or '-'`);
  }

  const messagePath = join(dataDir, MAIL_MESSAGES_DIR, `${id}.eml`);
  try {
    return await readFile(messagePath);
  } catch (error) {
    if (isFileNotFound(error)) {
      throw new Error(`Message ${id} not found: ${messagePath} does not exist`);
    }
    throw error;
  }
}

/**
 * Polls the index until an entry matches `predicate` and returns the first match.
 * Rejects after `timeoutMs` with an error that names what it waited for and how many
 * entries the index contained.
 */
export async function waitForMail(
  dataDir: string,
  predicate: (entry: MailIndexEntry) => boolean,
  options: WaitForMailOptions,
): Promise<MailIndexEntry> {
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const deadline = Date.now() + options.timeoutMs;

  for (;;) {
    const entries = await readMailIndex(dataDir);
    const match = entries.find(predicate);
    if (match) return match;

    if (Date.now() >= deadline) {
      const wanted = options.description ?? `a message matching ${predicate.toString()}`;
      throw new Error(
        `Timed out after ${options.timeoutMs} ms waiting for ${wanted} in ${join(dataDir, MAIL_INDEX_FILE)} ` +
          `(${entries.length} messages in the index, none matched)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

// Checks the code alone, because under jest errors from node:fs fail `instanceof Error`.
function isFileNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
