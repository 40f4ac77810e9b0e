import type { Channel } from '@ediary/contracts';
import { hashText, SeededRandom } from './seeded-random';

/** Recipients for which the SMS sandbox scripts a failure; the values are its numbers in E.164 form. */
export type FailingPhoneKind = 'invalidNumber' | 'unsubscribed' | 'unreachable' | 'landline';

export type ConsentChoice = 'granted' | 'refused' | 'not-given';

export interface SampleClass {
  classId: string;
  name: string;
}

export interface SampleStudent {
  studentId: string;
  classId: string;
  fullName: string;
  /** The student's id in NetSchool, used by the diary import. */
  netSchoolId: number;
}

export interface SampleGuardian {
  guardianId: string;
  fullName: string;
  studentIds: string[];
  consent: ConsentChoice;
  channels: Channel[];
  email?: string;
  /** The phone as the school office typed it, in one of the usual Russian forms. */
  phoneAsTyped?: string;
  /** The same phone in E.164 form, as contacts-service must store it. */
  phoneE164?: string;
  /** Set when the phone is one of the SMS sandbox's failing numbers. */
  failingPhone?: FailingPhoneKind;
}

export interface SampleSchool {
  schoolId: string;
  name: string;
  timeZone: string;
  classes: SampleClass[];
  students: SampleStudent[];
  guardians: SampleGuardian[];
}

export interface SampleSchoolOptions {
  seed: number;
  /**
   * Goes into every email address and phone number, so that runs sharing the mail sink
   * and the SMS sandbox never share a recipient. The school's people do not depend on it.
   */
  contactTag: string;
  /** E.164 numbers of the SMS sandbox's failing recipients. */
  failingPhones: Record<FailingPhoneKind, string>;
}

const FEMALE_NAMES = ['Анна', 'Мария', 'Елена', 'Ольга', 'Татьяна', 'Наталья', 'Ирина', 'Светлана', 'Дарья', 'Ксения', 'Юлия', 'Алина', 'Вера', 'Полина'];
const MALE_NAMES = ['Алексей', 'Дмитрий', 'Сергей', 'Андрей', 'Михаил', 'Иван', 'Николай', 'Павел', 'Егор', 'Артём', 'Кирилл', 'Максим', 'Роман', 'Глеб'];
const MALE_PATRONYMICS = ['Алексеевич', 'Дмитриевич', 'Сергеевич', 'Андреевич', 'Михайлович', 'Иванович', 'Павлович', 'Олегович'];
const FEMALE_PATRONYMICS = ['Алексеевна', 'Дмитриевна', 'Сергеевна', 'Андреевна', 'Михайловна', 'Ивановна', 'Павловна', 'Олеговна'];
/** Surname stems whose female form adds «а». */
const SURNAMES = [
  'Берёзкин', 'Воронцов', 'Гусляров', 'Жаворонков', 'Зимин', 'Калинин', 'Ласточкин', 'Медведев', 'Новиков', 'Озёров',
  'Рябинин', 'Снегирёв', 'Тетерин', 'Уткин', 'Фомин', 'Черёмухин', 'Шмелёв', 'Щеглов', 'Яблоков', 'Клёнов',
  'Орешкин', 'Соболев', 'Ветров', 'Глухарёв', 'Дроздов', 'Ёлкин', 'Журавлёв', 'Кедров', 'Лебедев', 'Мухин',
];

/** Formats of a typed Russian mobile number; contacts-service accepts each of them. */
const PHONE_FORMATS: ((code: string, exchange: string, pair1: string, pair2: string) => string)[] = [
  (code, exchange, pair1, pair2) => `8 (${code}) ${exchange}-${pair1}-${pair2}`,
  (code, exchange, pair1, pair2) => `+7 ${code} ${exchange} ${pair1} ${pair2}`,
  (code, exchange, pair1, pair2) => `8${code}${exchange}${pair1}${pair2}`,
  (code, exchange, pair1, pair2) => `+7 (${code}) ${exchange}-${pair1}-${pair2}`,
];

const CLASSES: SampleClass[] = [
  { classId: 'class-7a', name: '7А' },
  { classId: 'class-9b', name: '9Б' },
];
const STUDENTS_PER_CLASS: Record<string, [number, number]> = { 'class-7a': [23, 26], 'class-9b': [23, 26] };
const SIBLING_PAIRS = 6;
/** Guardian positions (by index) that get the sandbox's failing numbers, in this order. */
const FAILING_PHONE_SLOTS: FailingPhoneKind[] = ['invalidNumber', 'unsubscribed', 'unreachable', 'landline'];

/**
 * Returns `first`, or when a sibling already has it, the next name of `names` that no
 * sibling has. It draws no random numbers, so the rest of the school stays as the seed made it.
 */
function distinctFirstName(first: string, names: readonly string[], taken: ReadonlySet<string>): string {
  if (!taken.has(first)) return first;
  const start = names.indexOf(first);
  for (let step = 1; step < names.length; step += 1) {
    const candidate = names[(start + step) % names.length] as string;
    if (!taken.has(candidate)) return candidate;
  }
  throw new Error(`no first name left for a sibling of ${first}`);
}

function typedPhone(random: SeededRandom, e164: string): string {
  const digits = e164.slice(2);
  return random.pick(PHONE_FORMATS)(digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 8), digits.slice(8, 10));
}

/**
 * Generates a school of two classes, about 50 students and about 80 guardians. Everything
 * but the contacts depends only on `seed`. Some guardians have two children in different
 * classes, consent is granted, refused or never given, and four SMS-only guardians have
 * the sandbox's failing numbers. No person in it is real.
 */
export function generateSampleSchool(options: SampleSchoolOptions): SampleSchool {
  const random = new SeededRandom(options.seed);
  // A second generator for contacts, so that the tag changes numbers but not the people.
  const contactRandom = new SeededRandom(options.seed ^ hashText(options.contactTag));
  const tag = options.contactTag.toLowerCase().replace(/[^a-z0-9]/g, '');

  const students: SampleStudent[] = [];
  const familySurnames: string[] = [];
  for (const schoolClass of CLASSES) {
    const [min, max] = STUDENTS_PER_CLASS[schoolClass.classId] ?? [25, 25];
    const count = random.int(min, max);
    for (let index = 0; index < count; index += 1) {
      const surname = random.pick(SURNAMES);
      const female = random.chance(0.5);
      const first = female ? random.pick(FEMALE_NAMES) : random.pick(MALE_NAMES);
      const number = students.length + 1;
      students.push({
        studentId: `student-${String(number).padStart(3, '0')}`,
        classId: schoolClass.classId,
        fullName: `${female ? `${surname}а` : surname} ${first}`,
        netSchoolId: 40_500 + number,
      });
      familySurnames.push(surname);
    }
  }

  // Families: most have one child, SIBLING_PAIRS have one child in each class.
  const younger = students.filter((student) => student.classId === 'class-7a');
  const older = students.filter((student) => student.classId === 'class-9b');
  const pairedOlder = random.sample(older, SIBLING_PAIRS);
  const families: { surname: string; children: SampleStudent[] }[] = [];
  const paired = new Set<string>();
  random.sample(younger, SIBLING_PAIRS).forEach((child, index) => {
    const sibling = pairedOlder[index] as SampleStudent;
    families.push({ surname: familySurnames[students.indexOf(child)] as string, children: [child, sibling] });
    paired.add(child.studentId).add(sibling.studentId);
  });
  for (const student of students) {
    if (!paired.has(student.studentId)) {
      families.push({ surname: familySurnames[students.indexOf(student)] as string, children: [student] });
    }
  }
  // Siblings share the family surname but never a first name.
  for (const family of families) {
    const takenFirstNames = new Set<string>();
    for (const child of family.children) {
      const [surname = '', first = ''] = child.fullName.split(' ');
      const female = surname.endsWith('а');
      const firstName = distinctFirstName(first, female ? FEMALE_NAMES : MALE_NAMES, takenFirstNames);
      takenFirstNames.add(firstName);
      child.fullName = `${female ? `${family.surname}а` : family.surname} ${firstName}`;
    }
  }
  families.sort((left, right) => (left.children[0]?.studentId ?? '').localeCompare(right.children[0]?.studentId ?? ''));

  const guardians: SampleGuardian[] = [];
  for (const family of families) {
    const parents = random.chance(0.8) ? ['mother', 'father'] : [random.pick(['mother', 'father'])];
    for (const parent of parents) {
      const female = parent === 'mother';
      const first = female ? random.pick(FEMALE_NAMES) : random.pick(MALE_NAMES);
      const patronymic = female ? random.pick(FEMALE_PATRONYMICS) : random.pick(MALE_PATRONYMICS);
      const number = guardians.length + 1;
      const consentRoll = random.next();
      const channelRoll = random.next();
      const consent = consentFor(consentRoll);
      const channels = channelsFor(channelRoll);
      const guardian: SampleGuardian = {
        guardianId: `guardian-${String(number).padStart(3, '0')}`,
        fullName: `${female ? `${family.surname}а` : family.surname} ${first} ${patronymic}`,
        studentIds: family.children.map((child) => child.studentId),
        consent,
        channels,
      };
      // Some guardians leave a contact they did not choose as a channel: it must stay unused.
      if (channels.includes('email') || random.chance(0.3)) {
        guardian.email = `parent${number}.${tag}@example.ru`;
      }
      if (channels.includes('sms') || random.chance(0.3)) {
        const e164 = `+79${contactRandom.int(10, 89)}${String(contactRandom.int(0, 9_999_999)).padStart(7, '0')}`;
        guardian.phoneE164 = e164;
        guardian.phoneAsTyped = typedPhone(random, e164);
      }
      guardians.push(guardian);
    }
  }

  // Every eighth guardian from the fourth on gets a failing number, with consent and SMS only.
  FAILING_PHONE_SLOTS.forEach((kind, slot) => {
    const guardian = guardians[3 + slot * 8];
    if (!guardian) return;
    const e164 = options.failingPhones[kind];
    guardian.consent = 'granted';
    guardian.channels = ['sms'];
    guardian.failingPhone = kind;
    guardian.phoneE164 = e164;
    guardian.phoneAsTyped = typedPhone(random, e164);
  });

  return {
    schoolId: 'school-demo',
    name: 'Школа «Пример» (демо)',
    timeZone: 'Europe/Moscow',
    classes: CLASSES.map((schoolClass) => ({ ...schoolClass })),
    students,
    guardians,
  };
}

/** Maps a roll in [0, 1) to consent: 70 % granted, 15 % refused, 15 % never given. */
function consentFor(roll: number): ConsentChoice {
  if (roll < 0.7) return 'granted';
  if (roll < 0.85) return 'refused';
  return 'not-given';
}

/** Maps a roll in [0, 1) to channels: 35 % email, 30 % SMS, 20 % both, 15 % paper. */
function channelsFor(roll: number): Channel[] {
  if (roll < 0.35) return ['email'];
  if (roll < 0.65) return ['sms'];
  if (roll < 0.85) return ['email', 'sms'];
  return ['paper'];
}
