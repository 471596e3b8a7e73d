import { Type, type Static } from 'typebox';
import { Id, Instant, Version } from './common.ts';

/**
 * Ticket categories: an admin-managed tree (parentId + position). Nothing is deleted: a category
 * is deactivated, which hides it (and its subtree) from contacts.
 */

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const NullableId = Type.Union([Id, Type.Null()]);
const Position = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const Category = Type.Object({
  id: Id,
  parentId: NullableId,
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  /** Order among siblings, ascending. */
  position: Type.Integer(),
  active: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Category = Static<typeof Category>;

/** The whole tree as a flat list, parents before children, siblings by position. */
export const CategoryList = Type.Object({ items: Type.Array(Category), nextCursor: Type.Null() });
export type CategoryList = Static<typeof CategoryList>;

export const CreateCategoryBody = Type.Object(
  {
    name: Name,
    nameEn: Type.Optional(Type.Union([Name, Type.Null()])),
    parentId: Type.Optional(NullableId),
    /** Defaults to after the last sibling. */
    position: Type.Optional(Position),
  },
  { additionalProperties: false },
);
export type CreateCategoryBody = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    nameEn: Type.Optional(Type.Union([Name, Type.Null()])),
    parentId: Type.Optional(NullableId),
    position: Type.Optional(Position),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>;
