import type { DeadlineView } from '../deadlines/deadline.service';
import type { Notification } from '../dispatch/notification.schema';
import type { WaitingClass } from '../paper/paper-extract.service';
import { csrfField, formatDateTime, html, Html, layout } from './console-html';
import type { QueueOverview } from './console.service';
import { CHANNEL_WORDS, DEADLINE_STATE_WORDS, KIND_WORDS, reasonWords, STATUS_WORDS, timeLeftWords } from './console-words';

export interface PageSession {
  login: string;
  csrfToken: string;
}

/** The generic sign-in error: it does not say whether the login exists. */
export const INVALID_CREDENTIALS_RU = 'Неверный логин или пароль';

export function signInPage(options: { csrfToken: string; login?: string; error?: string }): string {
  return layout({
    title: 'Вход в консоль',
    active: 'sign-in',
    body: html`<form class="signin" method="post" action="/console/login">
      ${options.error ? html`<div class="error" role="alert">${options.error}</div>` : ''}
      ${csrfField(options.csrfToken)}
      <label for="login">Логин</label><input id="login" name="login" autocomplete="username" required value="${options.login ?? ''}">
      <label for="password">Пароль</label><input id="password" name="password" type="password" autocomplete="current-password" required>
      <p><button type="submit">Войти</button></p>
    </form>`,
  });
}

/** Renders a page with one error message, e.g. for a rejected form. */
export function messagePage(title: string, text: string, session?: PageSession): string {
  return layout({
    title,
    active: 'overview',
    ...(session && { session }),
    body: html`<div class="error" role="alert">${text}</div><p><a href="/console">Вернуться в консоль</a></p>`,
  });
}

const QUEUE_COLUMNS = [
  ['waiting', 'Ожидают'],
  ['active', 'Выполняются'],
  ['delayed', 'Отложены'],
  ['failed', 'С ошибкой'],
  ['completedLastHour', 'Выполнено за час'],
] as const;

/** Refreshes the counters every 5 seconds from /console/api/overview without reloading the page. */
const OVERVIEW_SCRIPT = `
(function () {
  async function refresh() {
    try {
      const response = await fetch('/console/api/overview', { credentials: 'same-origin' });
      if (!response.ok) return;
      const data = await response.json();
      for (const row of data.queues) {
        for (const cell of document.querySelectorAll('[data-queue="' + row.queue + '"]')) {
          const value = row[cell.dataset.field];
          cell.textContent = cell.dataset.field === 'completedLastHour' && row.completedCapped ? '≥ ' + value : String(value);
        }
      }
      document.getElementById('refreshed-at').textContent = new Date(data.at).toLocaleTimeString('ru-RU');
    } catch (error) {
      console.warn('overview refresh failed', error);
    }
  }
  setInterval(refresh, 5000);
})();
`;

export function overviewPage(session: PageSession, queues: QueueOverview[], at: Date): string {
  return layout({
    title: 'Очереди доставки',
    active: 'overview',
    session,
    body: html`<table id="queues"><thead><tr><th>Канал</th>${QUEUE_COLUMNS.map(([, label]) => html`<th>${label}</th>`)}</tr></thead>
      <tbody>${queues.map(
        (queue) => html`<tr><td>${CHANNEL_WORDS[queue.queue]}</td>${QUEUE_COLUMNS.map(
          ([field]) =>
            html`<td class="num" data-queue="${queue.queue}" data-field="${field}">${
              field === 'completedLastHour' && queue.completedCapped ? `≥ ${queue[field]}` : queue[field]
            }</td>`,
        )}</tr>`,
      )}</tbody></table>
      <p><small>Обновлено: <span id="refreshed-at">${at.toLocaleTimeString('ru-RU')}</span>; счётчики обновляются каждые 5 секунд.</small></p>
      <script>${new Html(OVERVIEW_SCRIPT)}</script>`,
  });
}

export function failedPage(session: PageSession, failed: Notification[], timeZone: string, notice?: string): string {
  const rows = failed.map(
    (notification) => html`<tr>
      <td><input type="checkbox" name="ids" value="${notification.notificationId}" aria-label="Выбрать ${notification.notificationId}"></td>
      <td>${formatDateTime(notification.history.at(-1)?.at, timeZone)}</td>
      <td>${CHANNEL_WORDS[notification.channel]}</td>
      <td>${KIND_WORDS[notification.kind]}</td>
      <td><a href="/console/log?guardianId=${encodeURIComponent(notification.guardianId)}">${notification.guardianId}</a></td>
      <td>${reasonWords(notification.statusReason)}</td>
      <td class="num">${notification.attempts}</td>
    </tr>`,
  );
  return layout({
    title: 'Ошибки доставки',
    active: 'failed',
    session,
    body: html`${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
      ${
        failed.length === 0
          ? html`<p>Неудачных доставок нет.</p>`
          : html`<form method="post" action="/console/failed">${csrfField(session.csrfToken)}
        <table id="failed"><thead><tr><th></th><th>Когда</th><th>Канал</th><th>Уведомление</th><th>Представитель</th><th>Причина</th><th>Попыток</th></tr></thead>
        <tbody>${rows}</tbody></table>
        <button type="submit" name="action" value="retry">Повторить отправку</button>
        <button type="submit" name="action" value="discard">Снять с доставки</button>
      </form>`
      }`,
  });
}

export function deadlinesPage(session: PageSession, items: DeadlineView[], timeZone: string): string {
  return layout({
    title: 'Сроки доставки результатов',
    active: 'deadlines',
    session,
    body: html`<p><small>Итоговые отметки, отсрочки и результаты экзаменов, ещё не дошедшие до представителя; сначала самые срочные.</small></p>
      ${
        items.length === 0
          ? html`<p>Все результаты доставлены.</p>`
          : html`<table id="deadlines"><thead><tr><th>Состояние</th><th>Осталось</th><th>Срок</th><th>Что</th><th>Предмет</th><th>Представитель</th><th>Обучающийся</th></tr></thead>
        <tbody>${items.map(
          (item) => html`<tr class="state-${item.state}">
            <td>${DEADLINE_STATE_WORDS[item.state]}</td>
            <td>${timeLeftWords(item.msLeft)}</td>
            <td>${formatDateTime(item.deadlineAt, timeZone)}</td>
            <td>${KIND_WORDS[item.kind]}</td>
            <td>${item.subject}</td>
            <td><a href="/console/log?guardianId=${encodeURIComponent(item.guardianId)}">${item.guardianId}</a></td>
            <td><a href="/console/log?studentId=${encodeURIComponent(item.studentId)}">${item.studentId}</a></td>
          </tr>`,
        )}</tbody></table>`
      }`,
  });
}

function historyList(notification: Notification, timeZone: string): Html {
  return html`<ol>${notification.history.map(
    (change) =>
      html`<li>${formatDateTime(change.at, timeZone)}: ${STATUS_WORDS[change.status]}${
        change.reason ? html` <small>(${reasonWords(change.reason)})</small>` : ''
      }</li>`,
  )}</ol>`;
}

export function logPage(
  session: PageSession,
  query: { guardianId?: string; studentId?: string },
  notifications: Notification[],
  timeZone: string,
): string {
  const searched = Boolean(query.guardianId || query.studentId);
  return layout({
    title: 'Журнал доставки',
    active: 'log',
    session,
    body: html`<form method="get" action="/console/log">
        <label>Представитель (id) <input name="guardianId" value="${query.guardianId ?? ''}"></label>
        <label>Обучающийся (id) <input name="studentId" value="${query.studentId ?? ''}"></label>
        <button type="submit">Найти</button>
      </form>
      ${
        !searched
          ? html`<p>Укажите id представителя или обучающегося.</p>`
          : notifications.length === 0
            ? html`<p>Уведомлений не найдено.</p>`
            : html`<table id="log"><thead><tr><th>Создано</th><th>Уведомление</th><th>Канал</th><th>Статус</th><th>Представитель</th><th>Обучающиеся</th><th>История</th></tr></thead>
        <tbody>${notifications.map(
          (notification) => html`<tr>
            <td>${formatDateTime(notification.createdAt, timeZone)}</td>
            <td>${KIND_WORDS[notification.kind]}<br><small>${notification.notificationId}</small></td>
            <td>${CHANNEL_WORDS[notification.channel]}</td>
            <td>${STATUS_WORDS[notification.status]}${
              notification.statusReason ? html`<br><small>${reasonWords(notification.statusReason)}</small>` : ''
            }</td>
            <td>${notification.guardianId}</td>
            <td>${notification.studentIds.join(', ')}</td>
            <td>${historyList(notification, timeZone)}</td>
          </tr>`,
        )}</tbody></table>`
      }`,
  });
}

export function paperPage(session: PageSession, classes: WaitingClass[], today: string, notice?: string): string {
  return layout({
    title: 'Бумажные выписки',
    active: 'paper',
    session,
    body: html`${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
      ${
        classes.length === 0
          ? html`<p>Выписок, ожидающих печати, нет.</p>`
          : classes.map(
              (group) => html`<section class="paper-class" data-class="${group.classId}">
          <h3>Класс ${group.classId} <a href="/console/paper/classes/${encodeURIComponent(group.classId)}.pdf" download>Печать пачки (PDF)</a></h3>
          <form method="post" action="/console/paper/hand-over">${csrfField(session.csrfToken)}
          <table><thead><tr><th></th><th>Представитель</th><th>Дети в классе</th><th>Уведомлений</th><th>Выписка</th></tr></thead>
          <tbody>${group.guardians.map(
            (guardian) => html`<tr>
              <td><input type="checkbox" name="guardianIds" value="${guardian.guardianId}" aria-label="Выдано ${guardian.guardianName}"></td>
              <td>${guardian.guardianName}<br><small>${guardian.guardianId}</small></td>
              <td>${guardian.studentNames.join(', ') || '—'}</td>
              <td class="num">${guardian.notificationCount}</td>
              <td><a href="/console/paper/guardians/${encodeURIComponent(guardian.guardianId)}.pdf">PDF</a></td>
            </tr>`,
          )}</tbody></table>
          <label>Дата выдачи <input type="date" name="handedOverOn" value="${today}" max="${today}" required></label>
          <button type="submit">Отметить выданными</button>
          </form></section>`,
            )
      }`,
  });
}
