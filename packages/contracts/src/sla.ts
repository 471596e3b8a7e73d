import { Type, type Static } from 'typebox';
import { Abilities, Id, Instant, ShortText, Version } from './common.ts';
import { TicketFilter } from './filters.ts';

/** Business minutes (in the policy's calendar); up to a working year. */
const Minutes = Type.Integer({ minimum: 1, maximum: 525_600 });

/** The targets of one priority: each optional (no target, no clock). */
export const SlaTarget = Type.Object({
  firstResponse: Type.Optional(Minutes),
  nextResponse: Type.Optional(Minutes),
  resolution: Type.Optional(Minutes),
});
export type SlaTarget = Static<typeof SlaTarget>;

/** Targets per priority 1 (critical) … 4 (low); a priority without an entry has no targets. */
export const SlaTargets = Type.Object({ '1': Type.Optional(SlaTarget), '2': Type.Optional(SlaTarget), '3': Type.Optional(SlaTarget), '4': Type.Optional(SlaTarget) });
export type SlaTargets = Static<typeof SlaTargets>;

export const SlaPolicy = Type.Object({
  id: Id,
  name: Type.String(),
  calendarId: Id,
  targets: SlaTargets,
  /** Only pending_customer pauses the clock by default; a supplier's delay is the provider's (ITIL). */
  pauseOnThirdParty: Type.Boolean(),
  /** Warn the assignee and group at this share of a target (percent); null: no warning. */
  warnAtPercent: Type.Union([Type.Integer({ minimum: 1, maximum: 99 }), Type.Null()]),
  /** At a breach: escalate hierarchically (one level, up to 2), optionally refer to another group, optionally raise the priority one step (off by default). */
  onBreach: Type.Object({ escalate: Type.Boolean(), referToGroupId: Type.Union([Id, Type.Null()]), raisePriority: Type.Boolean() }),
  isDefault: Type.Boolean(),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Abilities,
});
export type SlaPolicy = Static<typeof SlaPolicy>;
export const SlaPolicyList = Type.Object({ items: Type.Array(SlaPolicy) });

const OnBreachBody = Type.Object({
  escalate: Type.Optional(Type.Boolean()),
  referToGroupId: Type.Optional(Type.Union([Id, Type.Null()])),
  raisePriority: Type.Optional(Type.Boolean()),
});

export const CreateSlaPolicyBody = Type.Object({
  name: ShortText(200),
  calendarId: Id,
  targets: SlaTargets,
  pauseOnThirdParty: Type.Optional(Type.Boolean()),
  warnAtPercent: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 99 }), Type.Null()])),
  onBreach: Type.Optional(OnBreachBody),
  /** Make this the default policy (the one before it stops being so). */
  isDefault: Type.Optional(Type.Literal(true)),
});
export type CreateSlaPolicyBody = Static<typeof CreateSlaPolicyBody>;

export const UpdateSlaPolicyBody = Type.Object({
  version: Version,
  name: Type.Optional(ShortText(200)),
  calendarId: Type.Optional(Id),
  targets: Type.Optional(SlaTargets),
  pauseOnThirdParty: Type.Optional(Type.Boolean()),
  warnAtPercent: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 99 }), Type.Null()])),
  onBreach: Type.Optional(OnBreachBody),
  isDefault: Type.Optional(Type.Literal(true)),
});
export type UpdateSlaPolicyBody = Static<typeof UpdateSlaPolicyBody>;

/** A global rule: tickets matching `filter` (the ticket filter language) get `policyId`; lowest position first. */
export const SlaRule = Type.Object({
  id: Id,
  position: Type.Integer(),
  filter: TicketFilter,
  policyId: Id,
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
});
export type SlaRule = Static<typeof SlaRule>;
export const SlaRuleList = Type.Object({ items: Type.Array(SlaRule) });

export const CreateSlaRuleBody = Type.Object({ position: Type.Integer({ minimum: 0, maximum: 1_000_000 }), filter: TicketFilter, policyId: Id });
export type CreateSlaRuleBody = Static<typeof CreateSlaRuleBody>;
export const UpdateSlaRuleBody = Type.Object({
  version: Version,
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  filter: Type.Optional(TicketFilter),
  policyId: Type.Optional(Id),
});
export type UpdateSlaRuleBody = Static<typeof UpdateSlaRuleBody>;

/** A ticket's SLA state as the ticket view and lists show it (countdowns; paused shows as paused). */
export const TicketSla = Type.Object({
  policyId: Type.Union([Id, Type.Null()]),
  /** The earliest due time of a running target (a countdown); null when none runs. */
  dueAt: Type.Union([Instant, Type.Null()]),
  /** Resolution's clock is stopped (a pausing status): shown as paused. */
  paused: Type.Boolean(),
  firstResponse: Type.Object({ dueAt: Type.Union([Instant, Type.Null()]), breached: Type.Boolean() }),
  nextResponse: Type.Object({ dueAt: Type.Union([Instant, Type.Null()]), breached: Type.Boolean() }),
  resolution: Type.Object({ dueAt: Type.Union([Instant, Type.Null()]), breached: Type.Boolean() }),
});
export type TicketSla = Static<typeof TicketSla>;
