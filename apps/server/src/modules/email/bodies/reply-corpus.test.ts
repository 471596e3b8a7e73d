/**
 * Quote folding against the reply-stripping corpora in ../shared/corpus/mail: GitHub's
 * email_reply_parser cases and Mailgun talon's text, HTML and file cases (read in place). Every case
 * counts (the number run is asserted); each corpus must reach 90 %, and the named exceptions must be
 * exactly the failing cases. HTML results are compared by their visible text with all white space
 * removed (talon's own rule for its HTML cases).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../parsing/parse-mail.ts';
import { foldHtmlReply, foldReply, replyFragments } from './fold-quotes.ts';

const root = path.resolve(import.meta.dirname, '../../../../../../../shared/corpus/mail');
const githubDir = path.join(root, 'github-email_reply_parser');
const talonDir = path.join(root, 'mailgun-talon');
const corpusMissing = !existsSync(path.join(githubDir, 'cases.json')) || !existsSync(path.join(talonDir, 'cases.json'));
const inCI = process.env.CI === 'true';

const GITHUB_EXCEPTIONS: Record<string, string> = {};
const TALON_EXCEPTIONS: Record<string, string> = {
  test_too_many_lines: 'talon runs it with MAX_LINES_COUNT patched to 1 (the line "Hi" is cut only by that limit)',
  test_reply_and_quotation_splitter_share_line_3: 'the same input as _1 and _2 with another expectation (a patched talon setting); we give _1 and _2\'s answer',
  test_regular_blockquote: 'a blockquote above the reply header: talon keeps it as the sender\'s quote, GitHub\'s model (ours) folds a quote at the bottom of the new part',
  test_gmail_quote_blockquote: 'a blockquote with the gmail_quote class but no reply header: talon keeps it, we fold it like any bottom quote',
  test_from_block_and_quotations_in_separate_divs: 'talon keeps the <hr> above the From: block; we fold the rule with the block (Outlook)',
  standard_reply_iphone: '"Sent from my iPhone": talon keeps signatures in extract_from_plain, we fold them (the issue asks signatures folded away)',
  standard_reply_sparrow: 'a "-- " signature: talon keeps it, we fold it (the issue asks signatures folded away)',
  reply_separated_by_hr: 'talon drops the whole <div> that holds the <hr> (the word "Bob" above it too); we cut at the rule',
};

const noSpace = (s: string) => s.replace(/\s+/g, '');

interface Outcome {
  id: string;
  ok: boolean;
  detail: string;
}

async function githubOutcomes(): Promise<Outcome[]> {
  const { cases } = JSON.parse(readFileSync(path.join(githubDir, 'cases.json'), 'utf8')) as { cases: Array<{ id: string; input_file?: string; input_text?: string; expect: Record<string, any> }> };
  return cases.map((c) => {
    const input = c.input_text ?? readFileSync(path.join(githubDir, c.input_file!), 'utf8');
    const started = performance.now();
    const folded = foldReply(input);
    const fragments = replyFragments(input);
    const ms = performance.now() - started;
    const e = c.expect;
    const problems: string[] = [];
    if (e.visible_text !== undefined && folded.visible !== e.visible_text) problems.push(`visible ${JSON.stringify(folded.visible.slice(0, 80))}`);
    if (e.completes_within_seconds !== undefined && ms > e.completes_within_seconds * 1000) problems.push(`took ${ms.toFixed(0)} ms`);
    if (e.fragment_count !== undefined && fragments.length !== e.fragment_count) problems.push(`fragments ${fragments.length}`);
    for (const key of ['quoted', 'signature', 'hidden'] as const) {
      if (e[key] && JSON.stringify(fragments.map((f) => f[key]).slice(0, e[key].length)) !== JSON.stringify(e[key])) problems.push(`${key} ${fragments.map((f) => f[key])}`);
    }
    for (const [i, v] of Object.entries((e.fragment_equals ?? {}) as Record<string, string>)) if (fragments[+i]?.content !== v) problems.push(`fragment ${i} ≠`);
    for (const [i, v] of Object.entries((e.fragment_matches ?? {}) as Record<string, string>)) if (!new RegExp(v, 'm').test(fragments[+i]?.content ?? '')) problems.push(`fragment ${i} !~ ${v}`);
    for (const [i, v] of Object.entries((e.fragment_contains ?? {}) as Record<string, string>)) if (!(fragments[+i]?.content ?? '').includes(v)) problems.push(`fragment ${i} lacks ${v}`);
    return { id: c.id, ok: problems.length === 0, detail: problems.join('; ') };
  });
}

async function firstTextPart(file: string): Promise<string> {
  const parsed = await simpleParser(readFileSync(file));
  return typeof parsed.text === 'string' ? parsed.text : '';
}

async function talonOutcomes(): Promise<Outcome[]> {
  const data = JSON.parse(readFileSync(path.join(talonDir, 'cases.json'), 'utf8')) as Record<string, any[]>;
  const out: Outcome[] = [];
  const judge = (id: string, got: string, expected: string, mode: 'exact' | 'ignore_all_whitespace') => {
    const ok = mode === 'exact' ? got === expected : noSpace(got) === noSpace(expected);
    out.push({ id, ok, detail: ok ? '' : `got ${JSON.stringify(got.slice(0, 100))} want ${JSON.stringify(expected.slice(0, 100))}` });
  };
  for (const c of data.inline_text_cases!) judge(c.id, foldReply(c.input).visible, c.expected, 'exact');
  for (const c of data.inline_html_cases!) judge(c.id, foldHtmlReply(c.input, htmlToText).visible, c.expected ? htmlToText(c.expected) : '', 'ignore_all_whitespace');
  for (const c of data.file_cases!) {
    const file = c.input_file ? path.join(talonDir, c.input_file) : '';
    if (c.function === 'extract_from_plain') {
      const input = c.input_part === 'whole file as text' ? readFileSync(file, 'utf8') : await firstTextPart(file);
      const got = foldReply(input).visible;
      if (c.expected_properties) {
        const ok = got.trim() !== '' && !got.includes('From');
        out.push({ id: c.id, ok, detail: ok ? '' : `got ${JSON.stringify(got.slice(0, 100))}` });
      } else {
        const expected = c.expected_file ? readFileSync(path.join(talonDir, c.expected_file), 'utf8').trim() : c.expected;
        judge(c.id, got, expected, 'exact');
      }
    } else {
      const html = c.input ?? readFileSync(file, 'utf8');
      const got = foldHtmlReply(html, htmlToText).visible;
      const expected = c.expected === 'same as input' ? htmlToText(html) : c.function === 'extract_from_html' ? htmlToText(c.expected) : c.expected;
      judge(c.id, got, expected, 'ignore_all_whitespace');
    }
  }
  return out;
}

if (corpusMissing) {
  const why = `reply corpora not found in ${root}`;
  if (inCI) it('reply corpora are present (required when CI=true)', () => expect.fail(why));
  else {
    console.warn(`${why}; skipping the reply-stripping corpora (required when CI=true)`);
    it.skip(`${why}; skipped outside CI`, () => {});
  }
}

describe.skipIf(corpusMissing)('quote folding against the reply-stripping corpora', () => {
  const assertCorpus = (name: string, outcomes: Outcome[], count: number, exceptions: Record<string, string>) => {
    expect(outcomes).toHaveLength(count);
    const failing = outcomes.filter((o) => !o.ok);
    const rate = (outcomes.length - failing.length) / outcomes.length;
    console.info(`${name}: ${outcomes.length - failing.length}/${outcomes.length} = ${(rate * 100).toFixed(1)}%`);
    expect(failing.map((o) => o.id).sort(), failing.map((o) => `${o.id}: ${o.detail}`).join('\n')).toEqual(Object.keys(exceptions).sort());
    expect(rate).toBeGreaterThanOrEqual(0.9);
  };

  it('GitHub email_reply_parser: 23 cases, ≥ 90 %, exceptions exact', async () => {
    assertCorpus('github', await githubOutcomes(), 23, GITHUB_EXCEPTIONS);
  });

  it('Mailgun talon (text, HTML and file cases): 93 cases, ≥ 90 %, exceptions exact', async () => {
    assertCorpus('talon', await talonOutcomes(), 93, TALON_EXCEPTIONS);
  });
});
