import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Category } from '@pishkhan/contracts';
import { categoryTree, changedFields, forbiddenParents, patchBody, portOrNull, secretField, splitList } from './forms.ts';
import { blankMailbox, mailboxBody } from './mailbox-form.ts';
import { auditPath } from './audit-query.ts';
import { tokenBody } from '../agent/account/token-form.ts';
import { passwordProblem } from '../agent/account/password-rules.ts';
import { tokenFromHash } from '../shared/link-token.ts';

const category = (id: number, parentId: number | null): Category => ({ id, parentId, name: `c${id}`, nameEn: null, position: id, active: true, createdAt: '', updatedAt: '', version: 1 });

/** A random forest: each category's parent is an earlier one (or none), as the API lists them. */
const forest = fc.array(fc.nat(), { minLength: 1, maxLength: 30 }).map((picks) =>
  picks.map((pick, i) => category(i + 1, i === 0 || pick % 3 === 0 ? null : (pick % i) + 1)),
);

describe('admin form logic', () => {
  it('a PATCH sends only what changed, with the version read; nothing changed sends nothing', () => {
    const agent = { name: 'Sara', email: 'sara@x.ir', roles: ['analyst'], groupIds: [1, 2], version: 4 };
    expect(patchBody(agent, { name: 'Sara', email: 'sara@x.ir', roles: ['analyst'], groupIds: [1, 2] })).toBeNull();
    expect(patchBody(agent, { name: 'Sara K', groupIds: [2] })).toEqual({ name: 'Sara K', groupIds: [2], version: 4 });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue()), fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue()), (original, draft) => {
        const changed = changedFields(original, draft);
        for (const [k, v] of Object.entries(changed)) expect(JSON.stringify(v)).not.toBe(JSON.stringify(original[k]));
        for (const k of Object.keys(draft)) if (!(k in changed) && draft[k] !== undefined) expect(JSON.stringify(draft[k])).toBe(JSON.stringify(original[k]));
      }),
    );
  });

  it('lists typed as text: trimmed, no blanks, no repeats, in order, Persian commas too', () => {
    expect(splitList(' a@x.ir ,\n\nb@y.ir، a@x.ir ;c@z.ir ')).toEqual(['a@x.ir', 'b@y.ir', 'c@z.ir']);
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z0-9@.]{1,8}$/)), (parts) => {
      expect(splitList(parts.join('\n'))).toEqual([...new Set(parts)]);
    }));
  });

  it('ports and write-only secrets: blank keeps, "clear" removes, a value replaces', () => {
    expect([portOrNull('587'), portOrNull(''), portOrNull('0'), portOrNull('70000'), portOrNull('2.5')]).toEqual([587, null, null, null, null]);
    expect([secretField('', false), secretField('', true), secretField('s3cret', true), secretField('s3cret', false)]).toEqual([undefined, null, null, 's3cret']);
  });

  it('a mailbox body never sends a blank password and sends IMAP settings only for an IMAP mailbox', () => {
    const smtp = mailboxBody({ ...blankMailbox(), address: ' support@desk.ir ', groupId: '3' });
    expect(smtp).toEqual({ address: 'support@desk.ir', name: null, groupId: 3, kind: 'smtp', active: true, relay: { host: null, port: 587, security: 'starttls', user: null } });
    const draft = blankMailbox();
    const imap = mailboxBody({ ...draft, address: 'it@desk.ir', kind: 'imap', imap: { ...draft.imap, host: 'imap.desk.ir', password: 'pw', processedFolder: ' ' } });
    expect(imap.imap).toEqual({ host: 'imap.desk.ir', port: 993, tls: true, user: null, password: 'pw', folder: 'INBOX', processedFolder: null, rejectedFolder: 'Pishkhan-rejected' });
    expect('groupId' in mailboxBody(blankMailbox())).toBe(false);
  });

  it('the category tree: every row one deeper than its parent; a category never moves under itself or its subtree', () => {
    fc.assert(fc.property(forest, fc.nat(), (items, pick) => {
      const rows = categoryTree(items);
      const depth = new Map(rows.map((r) => [r.category.id, r.depth]));
      for (const { category: c, depth: d } of rows) expect(d).toBe(c.parentId === null ? 0 : depth.get(c.parentId)! + 1);
      const id = items[pick % items.length]!.id;
      const forbidden = forbiddenParents(items, id);
      for (const c of items) {
        let cursor: Category | undefined = c;
        let under = false;
        while (cursor) { if (cursor.id === id) under = true; cursor = items.find((x) => x.id === cursor!.parentId); }
        expect(forbidden.has(c.id)).toBe(under);
      }
    }));
  });

  it('the audit query leaves blanks out, ignores a non-numeric actor and ends the range after its last day', () => {
    expect(auditPath({ action: ' session. ', actorUserId: 'x', targetType: '', targetId: '', range: null }, null)).toBe('/admin/audit?action=session.&limit=50');
    expect(auditPath({ action: '', actorUserId: '7', targetType: 'user', targetId: '', range: { from: 20_000, to: 20_001 } }, 42)).toBe(
      `/admin/audit?actorUserId=7&targetType=user&from=${encodeURIComponent('2024-10-04T00:00:00.000Z')}&to=${encodeURIComponent('2024-10-06T00:00:00.000Z')}&before=42&limit=50`,
    );
  });

  it('a token body: trimmed name, known scopes once in a fixed order, expiry only when given', () => {
    expect(tokenBody({ name: ' ci ', scopes: ['metrics', 'read', 'bogus', 'read'], expiresInDays: null })).toEqual({ name: 'ci', scopes: ['read', 'metrics'] });
    expect(tokenBody({ name: 'x', scopes: ['write'], expiresInDays: 30 })).toEqual({ name: 'x', scopes: ['write'], expiresInDays: 30 });
  });

  it('a link page reads its token from the fragment and refuses anything else', () => {
    expect(tokenFromHash('#token=abcdefghijklmnop_-12')).toBe('abcdefghijklmnop_-12');
    expect([tokenFromHash(''), tokenFromHash('#token=short'), tokenFromHash('#token=abcdefghijklmnop<script>'), tokenFromHash('#other=abcdefghijklmnopqrst')]).toEqual([null, null, null, null]);
  });

  it('the password form: at least 12 characters (counted as characters, Persian too), both typed the same', () => {
    expect(passwordProblem('کوتاه', 'کوتاه')).toBe('short');
    expect(passwordProblem('گذرواژهٔ بلند من', 'گذرواژهٔ بلند من')).toBeNull();
    expect(passwordProblem('long-enough-pass', 'long-enough-pasS')).toBe('mismatch');
  });
});
