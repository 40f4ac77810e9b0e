import {
  deriveCurrentConsent,
  fingerprintRegistration,
  toConsentView,
  type ConsentRegistration,
  type RegistrationRequest,
} from './consent-register';

const paper = {
  registeredBy: 'Секретарь Орлова',
  form: 'paper-application',
  documentReference: 'Заявление № 15 от 01.09.2026',
} as const;

function entry(sequence: number, decidedAt: string, effect: Partial<ConsentRegistration>): ConsentRegistration {
  return {
    sequence,
    kind: 'decision',
    ...paper,
    decidedAt,
    registeredAt: new Date('2026-09-10T08:00:00Z'),
    apiKeyId: 'key-1',
    fingerprint: `fingerprint-${sequence}`,
    ...effect,
  };
}

describe('deriveCurrentConsent', () => {
  it('starts with nothing given', () => {
    expect(deriveCurrentConsent([])).toEqual({ personalDataProcessing: 'not-given', electronicInformation: 'not-given' });
  });

  it('keeps the decision a registration leaves out', () => {
    const state = deriveCurrentConsent([
      entry(1, '2026-09-01T10:00:00+03:00', { personalDataProcessing: 'granted', electronicInformation: 'granted' }),
      entry(2, '2026-09-02T10:00:00+03:00', { electronicInformation: 'refused' }),
    ]);

    expect(state.personalDataProcessing).toBe('granted');
    expect(state.electronicInformation).toBe('refused');
  });

  it('refuses electronic information on withdrawal of processing consent', () => {
    const state = deriveCurrentConsent([
      entry(1, '2026-09-01T10:00:00+03:00', { personalDataProcessing: 'granted', electronicInformation: 'granted' }),
      entry(2, '2026-09-05T10:00:00+03:00', { kind: 'withdrawal', scope: 'personal-data-processing' }),
    ]);

    expect(state).toEqual({ personalDataProcessing: 'refused', electronicInformation: 'refused' });
  });

  it('withdraws only electronic information', () => {
    const state = deriveCurrentConsent([
      entry(1, '2026-09-01T10:00:00+03:00', { personalDataProcessing: 'granted', electronicInformation: 'granted' }),
      entry(2, '2026-09-05T10:00:00+03:00', { kind: 'withdrawal', scope: 'electronic-information' }),
    ]);

    expect(state).toEqual({ personalDataProcessing: 'granted', electronicInformation: 'refused' });
  });

  it('withdraws both with scope all', () => {
    const state = deriveCurrentConsent([
      entry(1, '2026-09-01T10:00:00+03:00', { personalDataProcessing: 'granted', electronicInformation: 'granted' }),
      entry(2, '2026-09-05T10:00:00+03:00', { kind: 'withdrawal', scope: 'all' }),
    ]);

    expect(state).toEqual({ personalDataProcessing: 'refused', electronicInformation: 'refused' });
  });

  it('lets a new consent follow a withdrawal', () => {
    const state = deriveCurrentConsent([
      entry(1, '2026-09-01T10:00:00+03:00', { personalDataProcessing: 'granted' }),
      entry(2, '2026-09-05T10:00:00+03:00', { kind: 'withdrawal', scope: 'all' }),
      entry(3, '2026-09-09T10:00:00+03:00', { personalDataProcessing: 'granted' }),
    ]);

    expect(state.personalDataProcessing).toBe('granted');
    expect(state.electronicInformation).toBe('refused');
  });

  it('does not let a late registered older document override a newer one', () => {
    const state = deriveCurrentConsent([
      entry(1, '2026-09-05T10:00:00+03:00', { kind: 'withdrawal', scope: 'all' }),
      entry(2, '2026-09-01T10:00:00+03:00', { personalDataProcessing: 'granted', electronicInformation: 'granted' }),
    ]);

    expect(state).toEqual({ personalDataProcessing: 'refused', electronicInformation: 'refused' });
  });

  it('compares decidedAt as instants across offsets', () => {
    // 09:00+03:00 is 06:00Z, so the refusal at 07:00Z is the later one.
    const state = deriveCurrentConsent([
      entry(1, '2026-09-01T07:00:00Z', { personalDataProcessing: 'refused' }),
      entry(2, '2026-09-01T09:00:00+03:00', { personalDataProcessing: 'granted' }),
    ]);

    expect(state.personalDataProcessing).toBe('refused');
  });

  it('applies the same instant in registration order', () => {
    const state = deriveCurrentConsent([
      entry(2, '2026-09-01T10:00:00+03:00', { personalDataProcessing: 'refused' }),
      entry(1, '2026-09-01T07:00:00Z', { personalDataProcessing: 'granted' }),
    ]);

    expect(state.personalDataProcessing).toBe('refused');
  });
});

describe('fingerprintRegistration', () => {
  const grant: RegistrationRequest = {
    kind: 'decision',
    ...paper,
    personalDataProcessing: 'granted',
    decidedAt: '2026-09-01T10:00:00+03:00',
  };

  it('is equal for the same instant in another offset', () => {
    expect(fingerprintRegistration({ ...grant, decidedAt: '2026-09-01T07:00:00Z' })).toBe(fingerprintRegistration(grant));
  });

  it('ignores who registered the document', () => {
    expect(fingerprintRegistration({ ...grant, registeredBy: 'Завуч Смирнов' })).toBe(fingerprintRegistration(grant));
  });

  it.each<[string, RegistrationRequest]>([
    ['another decision', { ...grant, personalDataProcessing: 'refused' }],
    ['an added decision', { ...grant, electronicInformation: 'granted' }],
    ['the decision on the other purpose', { ...grant, personalDataProcessing: undefined, electronicInformation: 'granted' }],
    ['another document', { ...grant, documentReference: 'Заявление № 16 от 01.09.2026' }],
    ['another moment', { ...grant, decidedAt: '2026-09-01T10:00:01+03:00' }],
    ['a withdrawal', { kind: 'withdrawal', ...paper, scope: 'all', decidedAt: grant.decidedAt }],
  ])('differs for %s', (_name, other) => {
    expect(fingerprintRegistration(other)).not.toBe(fingerprintRegistration(grant));
  });
});

describe('toConsentView', () => {
  it('shows nothing given for an empty history', () => {
    const view = toConsentView('g-1', []);

    expect(view).toEqual({
      guardianId: 'g-1',
      personalDataProcessing: 'not-given',
      electronicInformation: 'not-given',
      revision: 0,
      updatedAt: null,
      history: [],
    });
  });

  describe('for a grant and a withdrawal', () => {
    const history = [
      entry(2, '2026-09-05T10:00:00+03:00', { kind: 'withdrawal', scope: 'all', registeredAt: new Date('2026-09-12T08:00:00Z') }),
      entry(1, '2026-09-01T10:00:00+03:00', { personalDataProcessing: 'granted' }),
    ];

    it('lists the history by sequence', () => {
      expect(toConsentView('g-1', history).history.map((item) => item.sequence)).toEqual([1, 2]);
    });

    it('hides the fingerprints', () => {
      expect(toConsentView('g-1', history).history[0]).not.toHaveProperty('fingerprint');
    });

    it('takes revision and time from the latest registration', () => {
      const view = toConsentView('g-1', history);

      expect(view.revision).toBe(2);
      expect(view.updatedAt).toBe('2026-09-12T08:00:00.000Z');
    });

    it('derives the current decisions', () => {
      const view = toConsentView('g-1', history);

      expect(view.personalDataProcessing).toBe('refused');
      expect(view.electronicInformation).toBe('refused');
    });

    it('formats registeredAt as ISO text', () => {
      expect(toConsentView('g-1', history).history[0]?.registeredAt).toBe('2026-09-10T08:00:00.000Z');
    });
  });
});
