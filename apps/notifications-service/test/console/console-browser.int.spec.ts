import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startConsoleApp, type ConsoleUnderTest } from './console-app';

/**
 * Folder of the screenshots: docs/screenshots with UPDATE_SCREENSHOTS=1, else a temporary
 * folder, so that an ordinary test run leaves the working tree clean.
 */
const SCREENSHOTS =
  process.env['UPDATE_SCREENSHOTS'] === '1' ? join(__dirname, '../../../../docs/screenshots') : mkdtempSync(join(tmpdir(), 'ediary-console-screenshots-'));
const HOUR = 3600_000;

/** Chromium flags: no sandbox (tests run as root) and no traffic of its own to any other host. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

describe('operator console in Chromium', () => {
  let service: ConsoleUnderTest;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  let operator: { login: string; password: string };

  const guardianId = unique('guardian');
  const paperGuardianId = unique('paper-guardian');
  const classId = `7Б-${randomBytes(2).toString('hex')}`;
  let failedId = '';
  let paperItemId = '';

  beforeAll(async () => {
    service = await startConsoleApp();
    operator = await service.createOperator();
    mkdirSync(SCREENSHOTS, { recursive: true });

    const updatedAt = new Date().toISOString();
    await service.guardians.applyContacts({
      guardianId: paperGuardianId,
      schoolId: 'school-1',
      fullName: 'Смирнова Анна Викторовна',
      students: [{ studentId: `${paperGuardianId}-s`, classId, fullName: 'Смирнов Илья Олегович' }],
      channels: ['paper'],
      revision: 1,
      updatedAt,
    });
    await service.guardians.applyConsent({
      guardianId: paperGuardianId,
      personalDataProcessing: 'granted',
      electronicInformation: 'refused',
      revision: 1,
      updatedAt,
    });

    const now = Date.now();
    const deadlineItem = (studentId: string, owner: string, subject: string, deadlineInMs: number) => ({
      itemId: unique('item'),
      kind: 'final-grade' as const,
      guardianId: owner,
      studentId,
      schoolId: 'school-1',
      subject,
      resultsObtainedAt: new Date(now - 60 * HOUR),
      deadlineAt: new Date(now + deadlineInMs),
      arrivedLate: false,
    });
    const breached = deadlineItem('student-late', guardianId, 'История', -2 * HOUR);
    const atRisk = deadlineItem(`${paperGuardianId}-s`, paperGuardianId, 'Алгебра', 5 * HOUR);
    paperItemId = atRisk.itemId;
    await service.deadlines.createOnce(breached);
    await service.deadlines.createOnce(atRisk);
    await service.deadlines.createOnce(deadlineItem('student-ok', guardianId, 'География', 60 * HOUR));
    const retried = deadlineItem('student-retried', guardianId, 'Физика', 30 * HOUR);
    await service.deadlines.createOnce(retried);

    const failed = await service.seedNotification({
      guardianId,
      channel: 'email',
      kind: 'final-grade',
      studentIds: ['student-retried'],
      recipient: `${guardianId}@example.test`,
      templateData: {
        guardianName: 'Петрова Ольга Ивановна',
        schoolName: 'Школа № 1',
        studentName: 'Петров Иван',
        subject: 'Физика',
        period: { kind: 'quarter', number: 2, schoolYear: '2026/2027' },
        value: 4,
      },
      deadlineItemId: retried.itemId,
    });
    failedId = failed.notificationId;
    await service.notifications.transition(failedId, 'failed', { reason: 'smtp-550' });

    await service.seedNotification({
      guardianId: paperGuardianId,
      channel: 'paper',
      kind: 'final-grade',
      status: 'awaiting-print',
      studentIds: [`${paperGuardianId}-s`],
      templateData: {
        guardianName: 'Смирнова Анна Викторовна',
        schoolName: 'Школа № 1',
        studentName: 'Смирнов Илья',
        subject: 'Алгебра',
        period: { kind: 'quarter', number: 2, schoolYear: '2026/2027' },
        value: 5,
      },
      deadlineItemId: atRisk.itemId,
    });

    userDataDir = mkdtempSync(join(tmpdir(), 'console-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
      viewport: { width: 1280, height: 800 },
      locale: 'ru-RU',
    });
    // The console is served from loopback; any other request is cut off.
    await context.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
    );
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    if (process.env['UPDATE_SCREENSHOTS'] !== '1') rmSync(SCREENSHOTS, { recursive: true, force: true });
    await service?.close();
  });

  async function signIn(password: string): Promise<void> {
    await page.goto(`${service.baseUrl}/console/login`);
    await page.fill('#login', operator.login);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
  }

  it('refuses a wrong password', async () => {
    await signIn('not-the-password');
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('Неверный логин или пароль');
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });
  });

  it('signs in and shows the queues', async () => {
    await signIn(operator.password);
    expect(new URL(page.url()).pathname).toBe('/console');
    await expect(page.locator('#queues tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('#queues').textContent()).resolves.toContain('Электронная почта');
    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });
  });

  it('rejects a form without the CSRF token', async () => {
    await page.goto(`${service.baseUrl}/console/failed`);
    // A string, because this project's TypeScript has no DOM types.
    await page.evaluate("document.querySelectorAll('input[name=_csrf]').forEach((input) => input.remove())");
    await page.check(`input[value="${failedId}"]`);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      page.click('button[value=retry]'),
    ]);
    expect(response.status()).toBe(403);
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('Форма отклонена');
  });

  it('retries a failed delivery until sent', async () => {
    await page.goto(`${service.baseUrl}/console/failed`);
    await expect(page.locator('#failed').textContent()).resolves.toContain('почтовый сервер отклонил письмо (код 550)');
    await page.screenshot({ path: join(SCREENSHOTS, 'failed.png'), fullPage: true });

    await page.check(`input[value="${failedId}"]`);
    await page.click('button[value=retry]');
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('Отправлено повторно: 1');

    let status = '';
    for (let attempt = 0; attempt < 60 && status !== 'sent'; attempt += 1) {
      status = (await service.notifications.findById(failedId))?.status ?? '';
      if (status !== 'sent') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe('sent');

    await page.goto(`${service.baseUrl}/console/log?guardianId=${encodeURIComponent(guardianId)}`);
    const log = await page.locator('#log').textContent();
    expect(log).toContain('повтор по решению оператора');
    expect(log).toContain('отправлено');
    await page.screenshot({ path: join(SCREENSHOTS, 'log.png'), fullPage: true });
  });

  it('drops a delivered result from the board', async () => {
    await page.goto(`${service.baseUrl}/console/deadlines`);
    await expect(page.locator('#deadlines').textContent()).resolves.not.toContain('Физика');
  });

  it('shows the deadline board by urgency', async () => {
    await page.goto(`${service.baseUrl}/console/deadlines`);
    const states = await page.locator('#deadlines tbody tr td:first-child').allTextContents();
    expect(states).toEqual(['просрочено', 'под угрозой', 'в срок']);
    await page.screenshot({ path: join(SCREENSHOTS, 'deadlines.png'), fullPage: true });
  });

  it('downloads the class PDF', async () => {
    await page.goto(`${service.baseUrl}/console/paper`);
    const section = page.locator(`section[data-class="${classId}"]`);
    await expect(section.textContent()).resolves.toContain('Смирнова Анна Викторовна');
    await page.screenshot({ path: join(SCREENSHOTS, 'paper.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), section.locator('a[download]').click()]);
    const file = join(userDataDir, 'class.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Обучающийся: Смирнов Илья, класс');
    expect(text).toContain('Алгебра, 2 четверть 2026/2027: 5');
  });

  it('hands an extract over and closes its deadline', async () => {
    await page.goto(`${service.baseUrl}/console/paper`);
    const section = page.locator(`section[data-class="${classId}"]`);
    await section.locator(`input[value="${paperGuardianId}"]`).check();
    await section.locator('button[type=submit]').click();
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('Отмечено выданными уведомлений: 1');

    const item = await service.deadlines.findById(paperItemId);
    expect(item?.deliveredVia).toBe('paper');
  });
});
