import { countSmsSegments } from '@ediary/sms';
import {
  InvalidTemplateDataError,
  renderNotification,
  type DailyDigestTemplateData,
  type DeferralTemplateData,
  type ExamResultTemplateData,
  type FinalGradeTemplateData,
  type NewMarkTemplateData,
  type NotificationKind,
  type RenderedNotification,
  type TemplateData,
} from './notification-templates';

const common = { guardianName: 'Иванова Мария Петровна', schoolName: 'МБОУ СОШ № 7 г. Тулы' };

const newMark: NewMarkTemplateData = {
  ...common,
  studentName: 'Иванов Иван',
  subject: 'Алгебра',
  value: 5,
  assignmentType: 'Контрольная работа',
  lessonDate: '2026-12-03',
  action: 'recorded',
  overdue: false,
};

const examResult: ExamResultTemplateData = {
  ...common,
  studentName: 'Петрова Анна',
  examKind: 'ЕГЭ',
  subject: 'Физика',
  score: 78,
  mark: 5,
  resultsObtainedAt: '2027-06-20T10:00:00+03:00',
};

const finalGrade: FinalGradeTemplateData = {
  ...common,
  studentName: 'Иванов Иван',
  subject: 'Геометрия',
  period: { kind: 'quarter', number: 2, schoolYear: '2026/2027' },
  value: 4,
};

const deferral: DeferralTemplateData = {
  ...common,
  studentName: 'Иванов Иван',
  subject: 'Химия',
  period: { kind: 'half-year', number: 1, schoolYear: '2026/2027' },
  deferredUntil: '2027-01-15',
};

type DigestChild = DailyDigestTemplateData['children'][number];
type DigestMark = DigestChild['marks'][number];

const algebraMark: DigestMark = {
  subject: 'Алгебра',
  value: 5,
  assignmentType: 'Контрольная работа',
  lessonDate: '2026-12-03',
  overdue: false,
  action: 'recorded',
};

const biologyMark: DigestMark = {
  subject: 'Биология',
  value: 3,
  assignmentType: 'Ответ на уроке',
  lessonDate: '2026-12-01',
  overdue: true,
  action: 'corrected',
};

/** A child with marks only. */
const ivan: DigestChild = { studentName: 'Иванов Иван', marks: [algebraMark, biologyMark], homework: [] };

/** A child with homework only. */
const olga: DigestChild = {
  studentName: 'Иванова Ольга',
  marks: [],
  homework: [
    { subject: 'Окружающий мир', dueDate: '2026-12-07', text: 'Прочитать параграф 12' },
    { subject: 'Русский язык', dueDate: '2026-12-05', text: 'Упражнение 45\nВыучить словарные слова' },
  ],
};

const dailyDigest: DailyDigestTemplateData = { ...common, date: '2026-12-03', children: [ivan, olga] };

const SAMPLES: { [K in NotificationKind]: TemplateData[K] } = {
  'new-mark': newMark,
  'exam-result': examResult,
  'final-grade': finalGrade,
  deferral,
  'daily-digest': dailyDigest,
};

/** Renders with fields removed, the way a caller outside TypeScript could pass the data. */
const renderWithout = (kind: NotificationKind, field: string): RenderedNotification => {
  const data: Record<string, unknown> = { ...SAMPLES[kind] };
  delete data[field];
  return renderNotification(kind, data as never);
};

const captureError = (render: () => unknown): InvalidTemplateDataError => {
  try {
    render();
  } catch (error) {
    if (error instanceof InvalidTemplateDataError) return error;
    throw error;
  }
  throw new Error('expected InvalidTemplateDataError, but rendering succeeded');
};

describe('renderNotification', () => {
  describe('every kind', () => {
    it.each(Object.keys(SAMPLES) as NotificationKind[])('greets by name and patronymic in %s', (kind) => {
      const rendered = renderNotification(kind, SAMPLES[kind] as never);

      expect(rendered.email.text).toContain('Здравствуйте, Мария Петровна!');
      expect(rendered.email.html).toContain('Здравствуйте, Мария Петровна!');
    });

    it.each(Object.keys(SAMPLES) as NotificationKind[])('signs with the school in %s', (kind) => {
      const rendered = renderNotification(kind, SAMPLES[kind] as never);

      expect(rendered.email.text).toContain('МБОУ СОШ № 7 г. Тулы');
      expect(rendered.email.html).toContain('МБОУ СОШ № 7 г. Тулы');
    });

    it.each(Object.keys(SAMPLES) as NotificationKind[])('keeps one-line subject and sms in %s', (kind) => {
      const rendered = renderNotification(kind, SAMPLES[kind] as never);

      expect(rendered.email.subject).not.toMatch(/\s{2}|\n|^\s|\s$/u);
      expect(rendered.sms).not.toMatch(/\s{2}|\n|^\s|\s$/u);
    });

    it.each(Object.keys(SAMPLES) as NotificationKind[])('writes a complete html page in %s', (kind) => {
      const html = renderNotification(kind, SAMPLES[kind] as never).email.html;

      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<html lang="ru">');
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
    });

    it.each(Object.keys(SAMPLES) as NotificationKind[])('puts the subject into the html title in %s', (kind) => {
      const rendered = renderNotification(kind, SAMPLES[kind] as never);

      expect(rendered.email.html).toContain(`<title>${rendered.email.subject}</title>`);
    });

    it.each(Object.keys(SAMPLES) as NotificationKind[])('leaves no blank lines in a row in %s', (kind) => {
      const rendered = renderNotification(kind, SAMPLES[kind] as never);

      expect(rendered.email.text).not.toContain('\n\n\n');
      expect(rendered.email.text.endsWith('\n')).toBe(true);
    });

    it.each(Object.keys(SAMPLES) as NotificationKind[])('writes no Latin words to parents in %s', (kind) => {
      const rendered = renderNotification(kind, SAMPLES[kind] as never);

      expect(rendered.email.text).not.toMatch(/[A-Za-z]/u);
      expect(rendered.sms).not.toMatch(/[A-Za-z]/u);
      expect(rendered.email.subject).not.toMatch(/[A-Za-z]/u);
    });

    it('greets by the whole name without a patronymic', () => {
      const rendered = renderNotification('new-mark', { ...newMark, guardianName: 'Мария Иванова' });

      expect(rendered.email.text).toContain('Здравствуйте, Мария Иванова!');
      expect(rendered.email.html).toContain('Здравствуйте, Мария Иванова!');
    });
  });

  describe('new-mark', () => {
    it('renders every field', () => {
      const rendered = renderNotification('new-mark', { ...newMark, overdue: true });
      const { text, html } = rendered.email;

      for (const body of [text, html]) {
        expect(body).toContain('Иванов Иван');
        expect(body).toContain('Алгебра');
        expect(body).toContain('Контрольная работа');
        expect(body).toContain('3 декабря 2026');
        expect(body).toContain('Задание сдано с опозданием.');
      }
      expect(text).toContain('Новая отметка по предмету «Алгебра»: 5.');
      expect(text).toContain('Отметка: 5\n');
    });

    it('puts the mark into subject and sms', () => {
      const rendered = renderNotification('new-mark', newMark);

      expect(rendered.email.subject).toBe('Новая отметка: Иванов Иван, Алгебра');
      expect(rendered.sms).toBe('Новая отметка: Иванов Иван, Алгебра — 5 (Контрольная работа, урок 3 декабря 2026).');
    });

    it('mentions lateness in the sms', () => {
      expect(renderNotification('new-mark', { ...newMark, overdue: true }).sms).toContain(', задание сдано с опозданием.');
    });

    it('leaves lateness out when on time', () => {
      const rendered = renderNotification('new-mark', newMark);

      expect(rendered.email.text).not.toContain('опозданием');
      expect(rendered.email.html).not.toContain('опозданием');
      expect(rendered.sms).not.toContain('опозданием');
    });

    it('announces a corrected mark', () => {
      const rendered = renderNotification('new-mark', { ...newMark, action: 'corrected', value: 4 });

      expect(rendered.email.subject).toBe('Отметка исправлена: Иванов Иван, Алгебра');
      expect(rendered.email.text).toContain('Исправлена отметка по предмету «Алгебра». Теперь отметка: 4.');
      expect(rendered.email.html).toContain('Теперь отметка: 4.');
      expect(rendered.sms).toContain('Отметка исправлена: Иванов Иван, Алгебра — теперь 4');
    });

    it('announces a deleted mark with its value', () => {
      const rendered = renderNotification('new-mark', { ...newMark, action: 'deleted', value: 2 });

      expect(rendered.email.subject).toBe('Отметка удалена: Иванов Иван, Алгебра');
      expect(rendered.email.text).toContain('Удалена отметка по предмету «Алгебра»: 2.');
      expect(rendered.email.text).toContain('Удалённая отметка: 2\n');
      expect(rendered.email.html).toContain('<td>Удалённая отметка:</td><td>2</td>');
      expect(rendered.sms).toContain('Отметка удалена: Иванов Иван, Алгебра — была 2 (');
    });

    it('announces a deleted mark without a value', () => {
      const rendered = renderNotification('new-mark', { ...newMark, action: 'deleted', value: null });

      expect(rendered.email.text).toContain('Удалена отметка по предмету «Алгебра».');
      expect(rendered.email.text).not.toContain('Удалённая отметка');
      expect(rendered.sms).toBe('Отметка удалена: Иванов Иван, Алгебра (Контрольная работа, урок 3 декабря 2026).');
    });

    it.each([
      ['н', 'н (отсутствовал(а) на уроке)'],
      ['осв', 'освобождён(а)'],
      ['зач', 'зачёт'],
      ['незач', 'незачёт'],
      ['н/а', 'не аттестован(а)'],
    ] as const)('shows code %p in words', (value, words) => {
      const rendered = renderNotification('new-mark', { ...newMark, value });

      expect(rendered.email.text).toContain(`Отметка: ${words}\n`);
      expect(rendered.email.html).toContain(`<td>${words}</td>`);
      expect(rendered.sms).toContain(`Алгебра — ${words} (`);
    });

    it('fits a typical sms into two segments', () => {
      const rendered = renderNotification('new-mark', { ...newMark, overdue: true });

      expect(countSmsSegments(rendered.sms).segments).toBeLessThanOrEqual(2);
    });
  });

  describe('exam-result', () => {
    it('renders every field', () => {
      const rendered = renderNotification('exam-result', examResult);
      const { text, html } = rendered.email;

      expect(text).toContain('Известен результат ЕГЭ по предмету «Физика»: 78 баллов, отметка 5.');
      expect(text).toContain('Ребёнок: Петрова Анна\n');
      expect(text).toContain('Экзамен: ЕГЭ\n');
      expect(text).toContain('Баллы: 78\n');
      expect(text).toContain('Отметка: 5\n');
      expect(text).toContain('Результаты получены: 20 июня 2027\n');
      expect(html).toContain('<td>Петрова Анна</td>');
      expect(html).toContain('<td>ЕГЭ</td>');
      expect(html).toContain('<td>Физика</td>');
      expect(html).toContain('<td>78</td>');
      expect(html).toContain('<td>5</td>');
      expect(html).toContain('<td>20 июня 2027</td>');
    });

    it('puts the result into subject and sms', () => {
      const rendered = renderNotification('exam-result', examResult);

      expect(rendered.email.subject).toBe('Результат ЕГЭ: Петрова Анна, Физика');
      expect(rendered.sms).toBe('Результат ЕГЭ: Петрова Анна, Физика — 78 баллов, отметка 5.');
    });

    it('renders a score without a mark', () => {
      const { mark: _mark, ...scoreOnly } = examResult;

      const rendered = renderNotification('exam-result', { ...scoreOnly, score: 21 });

      expect(rendered.sms).toBe('Результат ЕГЭ: Петрова Анна, Физика — 21 балл.');
      expect(rendered.email.text).not.toContain('Отметка:');
      expect(rendered.email.html).not.toContain('Отметка:');
    });

    it('renders a mark without a score', () => {
      const { score: _score, ...markOnly } = examResult;

      const rendered = renderNotification('exam-result', { ...markOnly, examKind: 'ОГЭ', mark: 4 });

      expect(rendered.sms).toBe('Результат ОГЭ: Петрова Анна, Физика — отметка 4.');
      expect(rendered.email.text).not.toContain('Баллы:');
      expect(rendered.email.html).not.toContain('Баллы:');
    });

    it.each([
      [0, '0 баллов'],
      [4.5, '4,5 балла'],
      [22, '22 балла'],
    ])('agrees score %p with its noun', (score, words) => {
      expect(renderNotification('exam-result', { ...examResult, score }).sms).toContain(`— ${words}, отметка 5.`);
    });

    it('shows the date written in the timestamp offset', () => {
      // 23:30 in Moscow is already the next day in UTC.
      const rendered = renderNotification('exam-result', { ...examResult, resultsObtainedAt: '2027-06-20T23:30:00+03:00' });

      expect(rendered.email.text).toContain('Результаты получены: 20 июня 2027\n');
    });

    it('rejects a result without score and mark', () => {
      const { score: _score, mark: _mark, ...neither } = examResult;

      const error = captureError(() => renderNotification('exam-result', neither));

      expect(error.fields).toEqual(['score']);
      expect(error.message).toContain('an exam result needs a score, a mark or both');
    });
  });

  describe('final-grade', () => {
    it('renders every field', () => {
      const rendered = renderNotification('final-grade', finalGrade);
      const { text, html } = rendered.email;

      expect(text).toContain('Выставлена итоговая отметка по предмету «Геометрия» за 2 четверть 2026/2027: 4.');
      expect(text).toContain('Ребёнок: Иванов Иван\n');
      expect(text).toContain('Период: 2 четверть 2026/2027\n');
      expect(text).toContain('Итоговая отметка: 4\n');
      expect(html).toContain('<td>Иванов Иван</td>');
      expect(html).toContain('<td>Геометрия</td>');
      expect(html).toContain('<td>2 четверть 2026/2027</td>');
      expect(html).toContain('<td>4</td>');
    });

    it('puts the grade into subject and sms', () => {
      const rendered = renderNotification('final-grade', finalGrade);

      expect(rendered.email.subject).toBe('Итоговая отметка за 2 четверть 2026/2027: Иванов Иван, Геометрия');
      expect(rendered.sms).toBe('Итоговая отметка за 2 четверть 2026/2027: Иванов Иван, Геометрия — 4.');
    });

    it('names the school year', () => {
      const rendered = renderNotification('final-grade', { ...finalGrade, period: { kind: 'year', schoolYear: '2026/2027' } });

      expect(rendered.sms).toContain('Итоговая отметка за год 2026/2027:');
    });

    it('shows a code in words', () => {
      expect(renderNotification('final-grade', { ...finalGrade, value: 'зач' }).sms).toContain('Геометрия — зачёт.');
    });

    it('rejects a quarter without a number', () => {
      const error = captureError(() =>
        renderNotification('final-grade', { ...finalGrade, period: { kind: 'quarter', schoolYear: '2026/2027' } }),
      );

      expect(error.fields).toEqual(['period.number']);
    });
  });

  describe('deferral', () => {
    it('renders every field', () => {
      const rendered = renderNotification('deferral', deferral);
      const { text, html } = rendered.email;

      for (const body of [text, html]) {
        expect(body).toContain('Иванов Иван');
        expect(body).toContain('Химия');
        expect(body).toContain('1 полугодие 2026/2027');
        expect(body).toContain('до 15 января 2027');
      }
    });

    it('explains the deferral kindly', () => {
      const { text, html } = renderNotification('deferral', deferral).email;

      for (const body of [text, html]) {
        expect(body).toContain(
          'Итоговая отметка по предмету «Химия» за 1 полугодие 2026/2027 пока не выставлена: ' +
            'из-за болезни ребёнка срок её выставления перенесён до 15 января 2027.',
        );
        expect(body).toContain('Когда отметку выставят, мы сообщим вам. Желаем здоровья!');
      }
    });

    it('mentions the date in subject and sms', () => {
      const rendered = renderNotification('deferral', deferral);

      expect(rendered.email.subject).toBe('Итоговая отметка перенесена: Иванов Иван, Химия');
      expect(rendered.sms).toBe(
        'Иванов Иван, Химия: итоговая отметка за 1 полугодие 2026/2027 будет выставлена позже из-за болезни, срок — до 15 января 2027.',
      );
    });

    it('fits the sms into two segments', () => {
      expect(countSmsSegments(renderNotification('deferral', deferral).sms).segments).toBeLessThanOrEqual(2);
    });
  });

  describe('daily-digest', () => {
    it('lists marks of the first child', () => {
      const { text, html } = renderNotification('daily-digest', dailyDigest).email;

      expect(text).toContain('Новое в электронном дневнике за 3 декабря 2026.');
      expect(text).toContain(
        'Иванов Иван\nОтметки:\n' +
          '- Алгебра: 5 — Контрольная работа, урок 3 декабря 2026\n' +
          '- Биология: 3 (отметка исправлена) — Ответ на уроке, урок 1 декабря 2026, задание сдано с опозданием\n',
      );
      expect(html).toContain('<h3 style="margin:20px 0 4px;font-size:17px;">Иванов Иван</h3>');
      expect(html).toContain('<li>Алгебра: 5 — Контрольная работа, урок 3 декабря 2026</li>');
    });

    it('lists homework of the second child', () => {
      const { text, html } = renderNotification('daily-digest', dailyDigest).email;

      expect(text).toContain(
        'Иванова Ольга\nДомашние задания:\n' +
          '- Окружающий мир, сдать к 7 декабря 2026: Прочитать параграф 12\n' +
          '- Русский язык, сдать к 5 декабря 2026: Упражнение 45\n  Выучить словарные слова\n',
      );
      expect(html).toContain('<li>Русский язык, сдать к 5 декабря 2026:<br>Упражнение 45<br>Выучить словарные слова</li>');
    });

    it('omits empty sections', () => {
      const { text } = renderNotification('daily-digest', dailyDigest).email;

      expect(text.match(/Отметки:/gu)).toHaveLength(1);
      expect(text.match(/Домашние задания:/gu)).toHaveLength(1);
    });

    it('summarises both children in the sms', () => {
      const rendered = renderNotification('daily-digest', dailyDigest);

      expect(rendered.email.subject).toBe('Электронный дневник: отметки и задания за 3 декабря 2026');
      expect(rendered.sms).toBe(
        'Дневник за 3 декабря 2026. Иванов Иван: Алгебра — 5, Биология — 3 (исправлена). ' +
          'Иванова Ольга: 2 домашних задания.',
      );
    });

    it('joins marks and homework of one child in the sms', () => {
      const child = { ...ivan, homework: olga.homework.slice(0, 1) };

      const rendered = renderNotification('daily-digest', { ...dailyDigest, children: [child] });

      expect(rendered.sms).toBe(
        'Дневник за 3 декабря 2026. Иванов Иван: Алгебра — 5, Биология — 3 (исправлена); 1 домашнее задание.',
      );
    });

    it('reports a child without entries', () => {
      const child = { studentName: 'Иванов Пётр', marks: [], homework: [] };

      const rendered = renderNotification('daily-digest', { ...dailyDigest, children: [child] });

      expect(rendered.email.text).toContain('Иванов Пётр\nНовых оценок и заданий нет.\n');
      expect(rendered.email.html).toContain('<p>Новых оценок и заданий нет.</p>');
      expect(rendered.sms).toBe('Дневник за 3 декабря 2026. Иванов Пётр: новых записей нет.');
    });

    it('marks a deleted mark', () => {
      const mark: DigestMark = { ...algebraMark, action: 'deleted', value: null };
      const child = { studentName: 'Иванов Иван', marks: [mark], homework: [] };

      const rendered = renderNotification('daily-digest', { ...dailyDigest, children: [child] });

      expect(rendered.email.text).toContain('- Алгебра: отметка удалена — Контрольная работа, урок 3 декабря 2026\n');
      expect(rendered.sms).toContain('Иванов Иван: Алгебра — отметка удалена.');
    });

    it('rejects an empty list of children', () => {
      const error = captureError(() => renderNotification('daily-digest', { ...dailyDigest, children: [] }));

      expect(error.fields).toEqual(['children']);
    });
  });

  describe('missing fields', () => {
    it.each([
      ['new-mark', 'guardianName'],
      ['new-mark', 'schoolName'],
      ['new-mark', 'studentName'],
      ['new-mark', 'subject'],
      ['new-mark', 'value'],
      ['new-mark', 'assignmentType'],
      ['new-mark', 'lessonDate'],
      ['new-mark', 'action'],
      ['new-mark', 'overdue'],
      ['exam-result', 'examKind'],
      ['exam-result', 'resultsObtainedAt'],
      ['final-grade', 'period'],
      ['final-grade', 'value'],
      ['deferral', 'deferredUntil'],
      ['daily-digest', 'date'],
      ['daily-digest', 'children'],
    ] as const)('rejects %s without %s', (kind, field) => {
      const error = captureError(() => renderWithout(kind, field));

      expect(error.code).toBe('INVALID_TEMPLATE_DATA');
      expect(error.fields).toEqual([field]);
      expect(error.message).toContain(`Invalid data for the ${kind} notification: ${field}:`);
    });

    it('names a nested field of the digest', () => {
      const { lessonDate: _lessonDate, ...mark } = biologyMark;
      const child = { ...ivan, marks: [algebraMark, mark] };

      const error = captureError(() => renderNotification('daily-digest', { ...dailyDigest, children: [child] } as never));

      expect(error.fields).toEqual(['children[0].marks[1].lessonDate']);
    });

    it('rejects an empty name', () => {
      const error = captureError(() => renderNotification('new-mark', { ...newMark, studentName: '   ' }));

      expect(error.fields).toEqual(['studentName']);
    });

    it('rejects a null value for a recorded mark', () => {
      const error = captureError(() => renderNotification('new-mark', { ...newMark, value: null }));

      expect(error.fields).toEqual(['value']);
      expect(error.message).toContain('a recorded mark needs a value');
    });

    it('keeps personal data out of the message', () => {
      const error = captureError(() => renderNotification('new-mark', { ...newMark, lessonDate: 'завтра' }));

      expect(error.fields).toEqual(['lessonDate']);
      expect(error.message).not.toContain('Иванов');
      expect(error.message).not.toContain('завтра');
    });
  });

  describe('escaping', () => {
    const hostile = '<script>alert("x")</script> & Co';

    it('escapes data in html', () => {
      const rendered = renderNotification('new-mark', { ...newMark, studentName: hostile, subject: hostile });

      expect(rendered.email.html).not.toContain('<script>');
      expect(rendered.email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    });

    it('escapes data in the html title', () => {
      const rendered = renderNotification('new-mark', { ...newMark, studentName: hostile });

      expect(rendered.email.html).toContain('<title>Новая отметка: &lt;script&gt;');
    });

    it('escapes each line of homework', () => {
      const homework = [{ subject: 'Информатика', dueDate: '2026-12-05', text: '<b>1</b>\n<i>2</i>' }];
      const child = { studentName: 'Иванов Иван', marks: [], homework };

      const rendered = renderNotification('daily-digest', { ...dailyDigest, children: [child] });

      expect(rendered.email.html).toContain('&lt;b&gt;1&lt;/b&gt;<br>&lt;i&gt;2&lt;/i&gt;');
      expect(rendered.email.text).toContain('<b>1</b>\n  <i>2</i>');
    });

    it('keeps plain text outputs unescaped', () => {
      const rendered = renderNotification('new-mark', { ...newMark, studentName: hostile });

      expect(rendered.email.subject).toContain(hostile);
      expect(rendered.email.text).toContain(hostile);
      expect(rendered.sms).toContain(hostile);
    });

    it('keeps quotes and apostrophes as typed', () => {
      const typed = {
        ...newMark,
        studentName: "Д'Артаньян Шарль",
        subject: 'Литература «Серебряный век»',
        assignmentType: 'Сочинение "Моя семья" & отзыв',
      };

      const rendered = renderNotification('new-mark', typed);

      for (const plain of [rendered.email.subject, rendered.sms]) {
        expect(plain).toContain("Д'Артаньян Шарль");
        expect(plain).toContain('Литература «Серебряный век»');
        expect(plain).not.toMatch(/&#x27;|&quot;|&amp;|&#x3D;/u);
      }
      expect(rendered.sms).toContain('Сочинение "Моя семья" & отзыв');
      expect(rendered.email.text).toContain('Вид работы: Сочинение "Моя семья" & отзыв\n');
      expect(rendered.email.html).toContain('Д&#x27;Артаньян Шарль');
      expect(rendered.email.html).toContain('Сочинение &quot;Моя семья&quot; &amp; отзыв');
    });

    it('keeps a school name with quotes in the signature', () => {
      const rendered = renderNotification('final-grade', { ...finalGrade, schoolName: 'МАОУ «Лицей № 2»' });

      expect(rendered.email.text).toContain('С уважением,\nМАОУ «Лицей № 2»\n');
      expect(rendered.email.html).toContain('С уважением,<br>МАОУ «Лицей № 2»');
    });
  });
});
