import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentContentUrl, rewriteCidLinks } from './inline-images.ts';

describe('rewriteCidLinks', () => {
  it('points every stored cid: image at its attachment and leaves the rest as written', () => {
    const cid = fc.stringMatching(/^[a-z0-9._-]{1,12}@[a-z]{1,8}\.example$/);
    fc.assert(
      fc.property(fc.uniqueArray(cid, { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (cids, stored) => {
        const ids = new Map(cids.filter((_, i) => stored[i]).map((c, i) => [c.toLowerCase(), i + 1] as const));
        const html = cids.map((c) => `<p>x</p><img alt="a" src="cid:${c}">`).join('');
        const out = rewriteCidLinks(html, ids);
        for (const c of cids) {
          const id = ids.get(c.toLowerCase());
          if (id === undefined) expect(out).toContain(`src="cid:${c}"`);
          else expect(out).toContain(`src="${attachmentContentUrl(id)}"`);
        }
        expect(out.match(/<img/g)).toHaveLength(cids.length);
      }),
    );
  });

  it('matches Content-IDs without regard to case, single quotes too; text that merely mentions cid: stays', () => {
    expect(rewriteCidLinks(`<img src='cid:Logo@X.example'> cid:logo@x.example`, new Map([['logo@x.example', 7]]))).toBe(`<img src='/api/v1/attachments/7/content'> cid:logo@x.example`);
  });
});
