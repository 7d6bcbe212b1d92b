import { Type, type Static, type TObject, type TSchema, type TUnsafe } from 'typebox'

const shared = new Map<string, TSchema & { $id: string }>()

/** A reference to a named shape, typed as the shape itself. */
export type Named<T = unknown> = TUnsafe<T> & { $ref: string }

/**
 * A shape the API document names: registered once under `name` (app.addSchema puts it in the
 * document's components.schemas) and referenced by `$ref` everywhere it is used. The reference
 * keeps the full static type for the type provider; validation and serialization resolve it
 * to the full schema, which Fastify hands to both compilers.
 */
export function named<T extends TSchema>(name: string, schema: T): Named<Static<T>> {
  if (shared.has(name)) throw new Error(`Two shared schemas are named ${name}`)
  shared.set(name, { ...schema, $id: name })
  return Type.Unsafe<Static<T>>(Type.Ref(name)) as Named<Static<T>>
}

/** Every named shape, for app.addSchema. */
export const sharedSchemas = (): ReadonlyArray<TSchema & { $id: string }> => [...shared.values()]

/** Shapes shared by every route. */
export const Uuid = Type.String({ format: 'uuid' })
export const Phone = Type.String({ pattern: '^\\+?[0-9 ()-]{5,20}$' })
export const Instant = Type.String({ format: 'date-time', description: 'RFC 3339 with offset' })
export const LocalDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
/** A PATCH body: any of the create body's fields, at least one, and nothing else. */
export const PatchOf = <T extends TObject>(create: T) => Type.Partial(create, { additionalProperties: false, minProperties: 1 })

/** Money as a request gives it. */
export const Money = named(
  'MoneyInput',
  Type.Object(
    {
      // Bounded so a day's booking of ten items still fits the 32-bit totals.
      amount: Type.Integer({ minimum: 0, maximum: 5_000_000, description: 'minor units' }),
      currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    },
    { additionalProperties: false },
  ),
)
export type Money = Static<typeof Money>

/**
 * Money as the API answers it: sums of bounded inputs may pass the input bound, and a
 * response schema that a value fails would make the serializer throw (unions check it).
 */
export const MoneyOut = named(
  'Money',
  Type.Object({ amount: Type.Integer({ description: 'minor units' }), currency: Type.String({ description: 'ISO 4217' }) }),
)

/** A `MoneyOut` value. */
export const money = (amount: number, currency: string) => ({ amount, currency })

export const ErrorBody = named(
  'Error',
  Type.Object({
    error: Type.String({ description: 'what went wrong, for people' }),
    code: Type.String({ description: 'a stable machine code, e.g. slot_taken' }),
    detail: Type.Any(),
    request_id: Type.Optional(Type.String({ description: 'on 5xx answers, to find the log lines' })),
  }),
)
export type ErrorBody = Static<typeof ErrorBody>

/** The error responses every route may give; spread into a route's `response`. */
export const errorResponses = {
  '4xx': ErrorBody,
  '5xx': ErrorBody,
}

/** The `security` of a public route that also reads a token when one is sent (staff see more). */
export const optionalBearer: Record<string, string[]>[] = [{}, { bearer: [] }]

export const IdParams = Type.Object({ id: Uuid })

/** Every POST that creates or moves money or inventory takes this header (see idempotency.ts). */
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 255 })) })

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
}

const pages = new Map<string, Named>()

/** The list envelope of a named shape, itself named `<Shape>Page`. */
export function Page<T>(item: Named<T>): Named<{ count: number; next: string | null; previous: string | null; results: T[] }> {
  const name = `${item.$ref}Page`
  let page = pages.get(name)
  if (!page) {
    page = named(
      name,
      Type.Object({
        count: Type.Integer(),
        next: Nullable(Type.String({ description: 'the next page, or null on the last' })),
        previous: Nullable(Type.String()),
        results: Type.Array(item),
      }),
    )
    pages.set(name, page)
  }
  return page as Named<{ count: number; next: string | null; previous: string | null; results: T[] }>
}

export const Ordering = (fields: string[]) =>
  Type.Optional(
    Type.Union(
      fields.flatMap((f) => [Type.Literal(f), Type.Literal(`-${f}`)]),
      { description: `one of ${fields.join(', ')}; a leading - sorts descending` },
    ),
  )
