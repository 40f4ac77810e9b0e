import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { MarkValue, ReportingPeriod } from '@ediary/contracts';
import { formatDateRu, formatMarkValue, formatNumberRu, formatPeriod, greetingName, pluralRu } from './ru-format';
import { parseTemplateData, type NotificationKind, type TemplateData } from './template-data';

export { formatDateRu, formatPeriod } from './ru-format';
export {
  InvalidTemplateDataError,
  type DailyDigestTemplateData,
  type DeferralTemplateData,
  type ExamResultTemplateData,
  type FinalGradeTemplateData,
  type NewMarkTemplateData,
  type NotificationKind,
  type TemplateData,
} from './template-data';

/** Texts of one notification: an email with plain-text and HTML bodies, and an SMS. */
export interface RenderedNotification {
  email: { subject: string; text: string; html: string };
  sms: string;
}

const NOTIFICATION_KINDS: readonly NotificationKind[] = ['new-mark', 'exam-result', 'final-grade', 'deferral', 'daily-digest'];

/** Partials shared by the templates: a file <name>.hbs, or <name>.<output>.hbs for one output. */
const PARTIAL_FILES = {
  'layout-text': 'layout.text.hbs',
  'layout-html': 'layout.html.hbs',
  'exam-outcome': 'exam-outcome.hbs',
  'digest-mark': 'digest-mark.hbs',
  'digest-mark-short': 'digest-mark-short.hbs',
} as const;

type Output = 'subject' | 'text' | 'html' | 'sms';

type CompiledTemplate = HandlebarsTemplateDelegate<unknown>;

function readTemplate(fileName: string): string {
  return readFileSync(join(__dirname, fileName), 'utf8');
}

/**
 * Creates an isolated Handlebars environment with the formatting helpers. HTML output escapes
 * every value, while plain-text output (subject, text body, SMS) keeps quotes and apostrophes as typed.
 */
function createEnvironment(escapeHtml: boolean): { compile: (source: string) => CompiledTemplate } {
  const environment = Handlebars.create();
  // strict makes a field missing from the data an error instead of an empty string. Handlebars
  // checks only plain {{field}} lookups strictly, not helper arguments, so parseTemplateData
  // validates every field before rendering.
  const options: CompileOptions = { strict: true, noEscape: !escapeHtml };
  // Parsing now reports a syntax error at module load. Handlebars compiles on the first render.
  const compile = (source: string): CompiledTemplate => environment.compile(environment.parse(source), options);

  environment.registerHelper({
    eq: (left: unknown, right: unknown) => left === right,
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    isNumber: (value: unknown) => typeof value === 'number',
    greeting: (fullName: string) => greetingName(fullName),
    dateRu: (isoDate: string) => formatDateRu(isoDate),
    // The date as written in the timestamp's own offset, which is the school's local date.
    dateOfIso: (isoDateTime: string) => formatDateRu(isoDateTime.slice(0, 10)),
    periodRu: (period: ReportingPeriod) => formatPeriod(period),
    markText: (value: MarkValue) => formatMarkValue(value),
    numberRu: (value: number) => formatNumberRu(value),
    points: (score: number) => `${formatNumberRu(score)} ${pluralRu(score, ['балл', 'балла', 'баллов'])}`,
    countRu: (count: number, one: string, few: string, many: string) => `${count} ${pluralRu(count, [one, few, many])}`,
    // Keeps the line breaks of a multi-line text: <br> between escaped lines in HTML, an indent
    // under a list item in plain text.
    multiline: (text: string) => {
      const lines = text.split(/\r?\n/u);
      return escapeHtml
        ? new Handlebars.SafeString(lines.map((line) => Handlebars.escapeExpression(line)).join('<br>'))
        : lines.join('\n  ');
    },
  });
  for (const [name, fileName] of Object.entries(PARTIAL_FILES)) {
    environment.registerPartial(name, compile(readTemplate(fileName).trimEnd()));
  }
  return { compile };
}

function compileAll(): Record<NotificationKind, Record<Output, CompiledTemplate>> {
  const plain = createEnvironment(false);
  const html = createEnvironment(true);
  const compiled = {} as Record<NotificationKind, Record<Output, CompiledTemplate>>;
  for (const kind of NOTIFICATION_KINDS) {
    compiled[kind] = {
      subject: plain.compile(readTemplate(`${kind}.subject.hbs`)),
      text: plain.compile(readTemplate(`${kind}.text.hbs`)),
      html: html.compile(readTemplate(`${kind}.html.hbs`)),
      sms: plain.compile(readTemplate(`${kind}.sms.hbs`)),
    };
  }
  return compiled;
}

const TEMPLATES = compileAll();

/** Joins all whitespace into single spaces, for one-line outputs. */
function toOneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Drops trailing spaces and runs of blank lines that conditional template lines leave behind. */
function tidyLines(text: string): string {
  const lines = text.split('\n').map((line) => line.trimEnd());
  return `${lines.join('\n').replace(/\n{3,}/gu, '\n\n').trim()}\n`;
}

/**
 * Renders the email and SMS of a notification in Russian. Throws InvalidTemplateDataError,
 * naming the fields, when a field of the data is missing or invalid.
 */
export function renderNotification<K extends NotificationKind>(kind: K, data: TemplateData[K]): RenderedNotification {
  const parsed = parseTemplateData(kind, data);
  const templates = TEMPLATES[kind];

  const subject = toOneLine(templates.subject(parsed));
  return {
    email: {
      subject,
      text: tidyLines(templates.text(parsed)),
      html: tidyLines(templates.html(parsed, { data: { subjectLine: subject } })),
    },
    sms: toOneLine(templates.sms(parsed)),
  };
}
