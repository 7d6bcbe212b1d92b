import { Type, type Static } from 'typebox'
import { Instant, Money, MoneyOut, Nullable, PageQuery, Phone, Uuid, named, Page, PatchOf } from '../../http/schemas.js'

/** The last place in a category. */
export const MAX_POSITION = 10_000

const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 })

export const InfoBody = Type.Object(
  {
    hours_text: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'free text, e.g. "Mon–Thu 4 pm–2 am"' }))),
    phone: Type.Optional(Nullable(Phone)),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    socials: Type.Optional(
      // additionalProperties: a key outside the pattern would otherwise pass unchecked, value and all.
      Type.Record(Type.String({ pattern: '^[a-z0-9_-]{1,30}$' }), Url, { maxProperties: 20, additionalProperties: false, description: 'network → URL' }),
    ),
    policies: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  },
  { additionalProperties: false },
)
export type InfoBody = Static<typeof InfoBody>

export const InfoOut = named(
  'VenueInfo',
  Type.Object({
    venue_id: Uuid,
    hours_text: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    address: Nullable(Type.String()),
    socials: Type.Record(Type.String(), Type.String()),
    policies: Nullable(Type.String()),
    updated_at: Nullable(Instant),
  }),
)

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Nullable(Type.String({ maxLength: 2000 })),
  price: Money,
  category: Type.String({ minLength: 1, maxLength: 80 }),
  available: Type.Boolean(),
  position: Type.Integer({ minimum: 0, maximum: MAX_POSITION, description: 'order within the category' }),
}

export const CreateMenuItemBody = Type.Object(
  {
    name: fields.name,
    description: Type.Optional(fields.description),
    price: fields.price,
    category: fields.category,
    available: Type.Optional(fields.available),
    position: Type.Optional(fields.position),
  },
  { additionalProperties: false },
)
export type CreateMenuItemBody = Static<typeof CreateMenuItemBody>

export const UpdateMenuItemBody = PatchOf(CreateMenuItemBody)
export type UpdateMenuItemBody = Static<typeof UpdateMenuItemBody>

export const MenuItemOut = named(
  'MenuItem',
  Type.Object({
    id: Uuid,
    venue_id: Uuid,
    name: Type.String(),
    description: Nullable(Type.String()),
    price: MoneyOut,
    category: Type.String(),
    available: Type.Boolean(),
    position: Type.Integer(),
    created_at: Instant,
    updated_at: Instant,
  }),
)

export const MenuQuery = Type.Object(
  {
    ...PageQuery,
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    available: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type MenuQuery = Static<typeof MenuQuery>

export const MenuItemPage = Page(MenuItemOut)
