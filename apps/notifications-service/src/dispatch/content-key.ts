import { createHash } from 'node:crypto';

/**
 * Key of one piece of news: the entity id plus a hash of the fields a guardian reads.
 * A redelivered or repeated event yields the same key; a correction yields a new one.
 */
export function contentKey(kind: string, entityId: string, content: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
  return `${kind}:${entityId}:${hash}`;
}
