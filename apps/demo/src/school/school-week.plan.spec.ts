import { generateSampleSchool } from './sample-school.generator';
import { planSchoolWeek } from './school-week.plan';

const FAILING = {
  invalidNumber: '+79990212111',
  unsubscribed: '+79990216101',
  unreachable: '+79990300031',
  landline: '+79990300061',
};

describe('planSchoolWeek', () => {
  const school = generateSampleSchool({ seed: 20_261_207, contactTag: 'run-a', failingPhones: FAILING });

  it.each(['2026-12-07T06:00:00Z', '2026-12-07T22:30:00Z'])('sets homework due from the digest day at %s', (now) => {
    const plan = planSchoolWeek(school, { seed: 20_261_207, now: new Date(now) });
    // The demo runs the digest at `now`, and the digest day is the Moscow calendar date.
    const digestDay = new Date(new Date(now).getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
    const homework = plan.homeworkDays.flat();

    expect(homework.length).toBeGreaterThan(0);
    for (const task of homework) {
      expect({ homeworkId: task.homeworkId, dueFromDigestDay: task.dueDate >= digestDay }).toEqual({
        homeworkId: task.homeworkId,
        dueFromDigestDay: true,
      });
      expect({ homeworkId: task.homeworkId, dueAfterLesson: task.dueDate > task.assignedOn }).toEqual({
        homeworkId: task.homeworkId,
        dueAfterLesson: true,
      });
    }
  });
});
