/** Deterministic test data shaped like a school's: Russian names, 1–2 children per guardian. */

const SURNAMES = ['Иванова', 'Петрова', 'Смирнова', 'Кузнецова', 'Соколова', 'Попова', 'Лебедева'];
const FIRST_NAMES = ['Мария Петровна', 'Анна Сергеевна', 'Елена Ивановна', 'Ольга Викторовна'];
const CHILDREN = ['Иван', 'Алексей', 'Дарья', 'Полина', 'Артём', 'София'];
const SUBJECTS = ['Математика', 'Русский язык', 'Физика', 'История', 'Литература'];

export function pick<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new RangeError('pick needs a non-empty list');
  return item;
}

export function guardianName(index: number): string {
  return `${pick(SURNAMES, index)} ${pick(FIRST_NAMES, index >> 3)}`;
}

/** Guardians per student alternate 2, 2, 2, 1, so the mean is 1.75 as the table assumes. */
export function guardiansOfStudent(studentIndex: number): number {
  return studentIndex % 4 === 3 ? 1 : 2;
}

/** Template data of one daily digest: two children, three marks and two homework tasks each. */
export function digestData(index: number) {
  const child = (offset: number) => ({
    studentName: `${pick(CHILDREN, index + offset)} ${pick(SURNAMES, index).replace(/а$/u, '')}`,
    marks: [0, 1, 2].map((mark) => ({
      subject: pick(SUBJECTS, index + mark + offset),
      value: ((index + mark) % 4) + 2,
      assignmentType: 'Контрольная работа',
      lessonDate: '2025-03-1' + String(mark),
      action: 'recorded' as const,
      overdue: mark === 2,
    })),
    homework: [0, 1].map((task) => ({
      subject: pick(SUBJECTS, index + task + 2),
      dueDate: '2025-03-2' + String(task),
      text: `Параграф ${task + 12}, упражнения ${index % 50}–${(index % 50) + 3}.\nПовторить правила.`,
    })),
  });
  return {
    guardianName: guardianName(index),
    schoolName: 'Школа № 1',
    date: '2025-03-14',
    children: [child(0), child(1)],
  };
}
