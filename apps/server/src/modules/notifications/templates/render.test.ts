import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, SAMPLE_VALUES } from './defaults.ts';
import { escapeHtml, placeholdersIn, renderHtml, renderSubject, renderTemplate, renderText, unknownPlaceholders } from './render.ts';

describe('templates: text with placeholders', () => {
  it('fills placeholders in text as written; an unknown one becomes empty', () => {
    expect(renderText('سلام {{ name }}، {{missing}}درخواست {{n}}', { name: 'مریم', n: '12' })).toBe('سلام مریم، درخواست 12');
    expect(placeholdersIn('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
    expect(unknownPlaceholders(['{{ticketNumber}} {{secret}}'], ['ticketNumber'])).toEqual(['secret']);
  });

  it('HTML escapes every value and the template’s own text: no value can add markup (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (literal, value) => {
        const html = renderHtml(`${literal}{{v}}`, { v: value }, 'en');
        const body = html.slice(html.indexOf('<body'), html.lastIndexOf('</body>'));
        // What is left once our own tags are taken out holds no markup character.
        const stripped = body.replace(/^<body[^>]*>/, '').replace(/<\/?p>|<br>/g, '');
        expect(stripped).not.toMatch(/[<>"]/);
      }),
    );
  });

  it('a subject is one line whatever the values hold (no header injection)', () => {
    fc.assert(fc.property(fc.string(), (title) => {
      expect(renderSubject('[#1] {{t}}', { t: title })).not.toMatch(/[\r\n]/);
    }));
  });

  it('links become anchors only when they are http(s) URLs; Persian mail is right-to-left', () => {
    const html = renderHtml('{{ticketLink}}\n{{evilLink}}', { ticketLink: 'https://desk.example/t/1', evilLink: 'javascript:alert(1)' }, 'fa');
    expect(html).toContain('<a href="https://desk.example/t/1">');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });

  it('every default template uses only its kind’s placeholders, in both languages, and the Persian ones carry no Latin words outside placeholders', () => {
    for (const [kind, byLanguage] of Object.entries(DEFAULT_TEMPLATES)) {
      for (const [language, template] of Object.entries(byLanguage)) {
        expect(unknownPlaceholders([template.subject, template.body], PLACEHOLDERS[kind as keyof typeof PLACEHOLDERS]), `${kind} ${language}`).toEqual([]);
        if (language === 'fa') expect(`${template.subject}\n${template.body}`.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/[A-Za-z]/);
        const rendered = renderTemplate(template, SAMPLE_VALUES[language as 'fa' | 'en'], language as 'fa' | 'en');
        // A ticket's mail carries its number for threading; a contract notice has no ticket; a link
        // mail carries its one link in the body (and no ticket number anywhere).
        if (kind.startsWith('ticket.')) expect(rendered.subject).toContain('[#10234]');
        else if (kind === 'account.locked') expect(rendered.text).toContain(SAMPLE_VALUES[language as 'fa' | 'en'].until);
        else if (kind.startsWith('account.')) {
          expect(rendered.text).toContain(SAMPLE_VALUES[language as 'fa' | 'en'].actionLink);
          expect(rendered.text).not.toContain('10234');
        } else expect(rendered.subject).toContain(SAMPLE_VALUES[language as 'fa' | 'en'].contractName);
      }
    }
  });
});
