import { Type, type Static, type TSchema } from 'typebox'

/** Shapes shared by every route. */
export const Uuid = Type.String({ format: 'uuid' })
export const Phone = Type.String({ pattern: '^\\+?[0-9 ()-]{5,20}$' })
export const Instant = Type.String({ format: 'date-time', description: 'RFC 3339 with offset' })
export const LocalDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Money = Type.Object(
  {
    // Bounded so a day's booking of ten items still fits the 32-bit totals.
    amount: Type.Integer({ minimum: 0, maximum: 5_000_000, description: 'minor units' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
)
export type Money = Static<typeof Money>

/**
 * Money as the API answers it: sums of bounded inputs may pass the input bound, and a
 * response schema that a value fails would make the serializer throw (unions check it).
 */
export const MoneyOut = Type.Object({ amount: Type.Integer({ description: 'minor units' }), currency: Type.String() })

export const ErrorBody = Type.Object({
  error: Type.String(),
  code: Type.String(),
  detail: Type.Any(),
  request_id: Type.Optional(Type.String()),
})
export type ErrorBody = Static<typeof ErrorBody>

/** The error responses every route may give; spread into a route's `response`. */
export const errorResponses = {
  '4xx': ErrorBody,
  '5xx': ErrorBody,
}

export const IdParams = Type.Object({ id: Uuid })

/** Every POST that creates or moves money or inventory takes this header (see idempotency.ts). */
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 255 })) })

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    count: Type.Integer(),
    next: Nullable(Type.String()),
    previous: Nullable(Type.String()),
    results: Type.Array(item),
  })

export const Ordering = (fields: string[]) =>
  Type.Optional(
    Type.Union(
      fields.flatMap((f) => [Type.Literal(f), Type.Literal(`-${f}`)]),
      { description: `one of ${fields.join(', ')}; a leading - sorts descending` },
    ),
  )
