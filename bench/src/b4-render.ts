import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Redis } from 'ioredis';
import { formatDateRu, formatMarkValue, greetingName, pluralRu } from '../../apps/notifications-service/src/templates/ru-format';
import { digestData } from './fixtures';
import { compare, expectCount, timeStage, type Comparison } from './measure';
import { renderNotification } from './service-context';

const TEMPLATE_DIR = join(__dirname, '../../apps/notifications-service/src/templates');
const read = (file: string) => readFileSync(join(TEMPLATE_DIR, file), 'utf8');

/**
 * Compiles the daily-digest templates with plain Handlebars and the helpers they call,
 * without the data validation, strict mode and whitespace clean-up that the service adds.
 */
export function compileRawDigest() {
  const environment = (escape: boolean) => {
    const hbs = Handlebars.create();
    hbs.registerHelper({
      eq: (left: unknown, right: unknown) => left === right,
      or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
      greeting: (fullName: string) => greetingName(fullName),
      dateRu: (isoDate: string) => formatDateRu(isoDate),
      markText: (value: Parameters<typeof formatMarkValue>[0]) => formatMarkValue(value),
      countRu: (count: number, one: string, few: string, many: string) => `${count} ${pluralRu(count, [one, few, many])}`,
      multiline: (text: string) => text.split('\n').join(escape ? '<br>' : '\n  '),
    });
    for (const name of ['layout-text', 'layout-html', 'digest-mark', 'digest-mark-short']) {
      const file = name.startsWith('layout') ? `layout.${name.slice(7)}.hbs` : `${name}.hbs`;
      hbs.registerPartial(name, read(file).trimEnd());
    }
    return (file: string) => hbs.compile(read(file), { noEscape: !escape });
  };
  const plain = environment(false);
  const html = environment(true);
  return {
    subject: plain('daily-digest.subject.hbs'),
    text: plain('daily-digest.text.hbs'),
    html: html('daily-digest.html.hbs'),
    sms: plain('daily-digest.sms.hbs'),
  };
}

/** B4: rendering daily digests from prepared data, against plain compiled Handlebars. */
export async function benchRender(redis: Redis, size: { digests: number; rounds: number }): Promise<Comparison> {
  const data = Array.from({ length: size.digests }, (_, index) => digestData(index));
  const raw = compileRawDigest();

  return compare(
    { id: 'B4', title: `rendering ${size.digests} daily digests from prepared data`, goal: 0.8, rounds: size.rounds },
    async () => {
      let rendered = 0;
      const timing = await timeStage(redis, data.length, async () => {
        for (const item of data) {
          const subject = raw.subject(item);
          const parts = [raw.text(item), raw.html(item, { data: { subjectLine: subject } }), raw.sms(item)];
          if (parts.every((part) => part.length > 0)) rendered += 1;
        }
      });
      expectCount('B4 baseline rendered digests', data.length, rendered);
      return timing;
    },
    async () => {
      let rendered = 0;
      const timing = await timeStage(redis, data.length, async () => {
        for (const item of data) {
          const output = renderNotification('daily-digest', item);
          if (output.email.html.length > 0 && output.sms.length > 0) rendered += 1;
        }
      });
      expectCount('B4 system rendered digests', data.length, rendered);
      return timing;
    },
  );
}
