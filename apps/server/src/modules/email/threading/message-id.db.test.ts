import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../../test/harness.ts';
import { makeGroup, makeTicket } from '../../../../test/factories.ts';
import { formatMessageId, outgoingMessageId, parseMessageId, ticketMessageToken, verifiedTicketIds } from './message-id.ts';

describe('Message-ID tokens: unguessable per ticket, verified on the way back', () => {
  let t: TestApp;
  let ticketA: number;
  let ticketB: number;
  beforeAll(async () => {
    t = await createTestApp();
    const groupId = await makeGroup(t);
    ticketA = (await makeTicket(t, { groupId })).id;
    ticketB = (await makeTicket(t, { groupId })).id;
  });
  afterAll(() => t?.destroy());

  const tctx = () => ({ db: t.ctx.db, secret: t.ctx.secret, clock: t.clock });

  it('gives a ticket one stable token, another ticket another', async () => {
    const a1 = await ticketMessageToken(tctx(), ticketA);
    expect(a1).toMatch(/^[0-9a-f]{32}$/);
    expect(await ticketMessageToken(tctx(), ticketA)).toBe(a1);
    expect(await ticketMessageToken(tctx(), ticketB)).not.toBe(a1);
  });

  it('verifies our ids and refuses forged ones', async () => {
    const id = await outgoingMessageId(tctx(), { ticketId: ticketA, domain: 'desk.example', articleId: 7 });
    expect(parseMessageId(id)).toMatchObject({ ticketId: ticketA, domain: 'desk.example' });
    expect(await verifiedTicketIds(tctx(), ['<x@gmail.com>', id, id])).toEqual([ticketA]);
    // Right format, wrong token: a stranger guessing a ticket id.
    const forged = formatMessageId({ ticketId: ticketB, token: '0'.repeat(32), unique: 'x', domain: 'desk.example' });
    expect(await verifiedTicketIds(tctx(), [forged])).toEqual([]);
    // A token of ticket A moved onto ticket B's id.
    const moved = formatMessageId({ ...parseMessageId(id)!, ticketId: ticketB });
    expect(await verifiedTicketIds(tctx(), [moved])).toEqual([]);
    // Another installation's secret makes other tokens.
    expect(await verifiedTicketIds({ db: t.ctx.db, secret: TEST_SECRET + 'x' }, [id])).toEqual([]);
    // A ticket that never sent mail has no token row.
    const neverSent = formatMessageId({ ticketId: 987654, token: 'a'.repeat(32), unique: 'x', domain: 'd' });
    expect(await verifiedTicketIds(tctx(), [neverSent])).toEqual([]);
  });
});
