import { escapeHtml, html } from './console-html';
import { reasonWords, timeLeftWords } from './console-words';

describe('reasonWords', () => {
  it.each([
    ['smtp-550', 'почтовый сервер отклонил письмо (код 550)'],
    ['smtp-421', 'почтовый сервер временно не принял письмо (код 421)'],
    ['twilio-21211', 'неверный номер телефона (код 21211)'],
    ['twilio-99999', 'ошибка SMS-шлюза (код 99999)'],
    ['no-electronic-consent', 'нет согласия на электронное информирование'],
    ['something-new', 'ошибка доставки (something-new)'],
  ])('describes %s', (reason, words) => {
    expect(reasonWords(reason)).toBe(words);
  });

  it('shows a dash without a reason', () => {
    expect(reasonWords(null)).toBe('—');
  });
});

describe('timeLeftWords', () => {
  it.each([
    [35 * 60_000, '35 мин'],
    [(4 * 60 + 59) * 60_000, '4 ч 59 мин'],
    [(2 * 24 + 11) * 3600_000, '2 д 11 ч'],
    [-2 * 3600_000, 'просрочено на 2 ч 0 мин'],
  ])('formats %d ms', (ms, words) => {
    expect(timeLeftWords(ms)).toBe(words);
  });
});

describe('console HTML', () => {
  it('escapes interpolated text', () => {
    expect(html`<td>${'<script>alert("x")</script>'}</td>`.value).toBe('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>');
  });

  it('escapes quotes in attributes', () => {
    expect(escapeHtml(`a"b'c`)).toBe('a&quot;b&#39;c');
  });

  it('keeps nested fragments unescaped', () => {
    expect(html`<ul>${[html`<li>${'&'}</li>`]}</ul>`.value).toBe('<ul><li>&amp;</li></ul>');
  });
});
