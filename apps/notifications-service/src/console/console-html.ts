/** HTML building blocks of the console pages: escaping, the layout and small widgets. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (character) => ESCAPES[character] as string);
}

/** Tagged template that escapes every interpolated value except Html fragments. */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

function renderValue(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

export const NAV_ITEMS = [
  { path: '/console', key: 'overview', label: 'Очереди' },
  { path: '/console/failed', key: 'failed', label: 'Ошибки доставки' },
  { path: '/console/deadlines', key: 'deadlines', label: 'Сроки' },
  { path: '/console/log', key: 'log', label: 'Журнал доставки' },
  { path: '/console/paper', key: 'paper', label: 'Бумажные выписки' },
  { path: '/console/queues', key: 'queues', label: 'Bull Board' },
] as const;

export type NavKey = (typeof NAV_ITEMS)[number]['key'] | 'sign-in';

const STYLE = `
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2733;background:#f4f6f8}
header{background:#1f4e79;color:#fff;padding:10px 24px;display:flex;align-items:center;gap:24px}
header h1{font-size:18px;margin:0}
nav a{color:#dbe8f5;margin-right:16px;text-decoration:none}
nav a.active{color:#fff;font-weight:bold;border-bottom:2px solid #fff}
header form{margin-left:auto}
main{padding:20px 24px}
table{border-collapse:collapse;background:#fff;width:100%;margin-bottom:16px}
th,td{border:1px solid #d5dbe1;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#e9eef3}
td.num{text-align:right}
.state-breached{background:#fbe3e3}
.state-at-risk{background:#fff4d6}
.state-on-track{background:#e6f4ea}
.notice{padding:8px 12px;background:#e6f0fa;border:1px solid #9cc0e6;margin-bottom:12px}
.error{padding:8px 12px;background:#fbe3e3;border:1px solid #e0a3a3;margin-bottom:12px}
button{padding:5px 12px;cursor:pointer}
.signin{max-width:360px;margin:60px auto;background:#fff;padding:24px;border:1px solid #d5dbe1}
.signin label{display:block;margin:10px 0 4px}
.signin input{width:100%;box-sizing:border-box;padding:6px}
small{color:#5b6875}
`;

export interface LayoutOptions {
  title: string;
  active: NavKey;
  /** Absent on the sign-in page, which has no session yet. */
  session?: { login: string; csrfToken: string };
  body: Html;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function layout(options: LayoutOptions): string {
  const navigation = options.session
    ? html`<nav>${NAV_ITEMS.map(
        (item) => html`<a href="${item.path}" class="${item.key === options.active ? 'active' : ''}">${item.label}</a>`,
      )}</nav>
      <form method="post" action="/console/logout">${csrfField(options.session.csrfToken)}
        <small style="color:#dbe8f5">${options.session.login}</small> <button type="submit">Выйти</button></form>`
    : '';
  return html`<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${options.title} — консоль уведомлений</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${new Html(STYLE)}</style></head>
<body><header><h1>Электронный дневник: уведомления</h1>${navigation}</header>
<main><h2>${options.title}</h2>${options.body}</main></body></html>`.value;
}

/** Formats an instant as local date and time: «04.12.2026, 18:05». */
export function formatDateTime(at: Date | string | null | undefined, timeZone: string): string {
  if (!at) return '—';
  return new Intl.DateTimeFormat('ru-RU', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
}
