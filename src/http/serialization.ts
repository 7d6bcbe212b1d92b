import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

type Serializer = ReturnType<ReturnType<SerializerFactory>>

/**
 * Fastify's own response serializer (fast-json-stringify), built for less at start-up, where
 * it was most of the app's build time. Fastify hands the compiler every shared shape
 * (app.addSchema) for every response schema of every route, and fast-json-stringify checks and
 * indexes each of them again per schema: here it gets only the shapes the schema reaches
 * through `$ref`, which are all it reads. Routes answer many identical schemas (the Error
 * shape on most routes, a GET's schema again for its HEAD, in each plugin's context): each
 * distinct one is compiled once and its serializer shared, as it is a pure function of the
 * schema, the shapes it reaches and the options, which make its key.
 */
export const buildSerializer: SerializerFactory = (externalSchemas, options) => {
  const external = (externalSchemas ?? {}) as Record<string, unknown>
  const optionsKey = JSON.stringify(options ?? {})
  return (route) => {
    const reached = reachedShapes(route.schema, external)
    // A reference to anything but a shape's top-level $id (a nested $id, say): give it them all.
    const shapes = reached ? Object.fromEntries([...reached].sort().map((name) => [name, external[name]])) : external
    const key = JSON.stringify([optionsKey, route.schema, shapes])
    let serializer = serializers.get(key)
    if (!serializer) {
      serializer = SerializerSelector()(shapes, options)(route)
      serializers.set(key, serializer)
    }
    return serializer
  }
}

const serializers = new Map<string, Serializer>()

/** The shapes `schema` references, directly or through other shapes; null if one is not a shape. */
function reachedShapes(schema: unknown, external: Record<string, unknown>): Set<string> | null {
  const reached = new Set<string>()
  const pending: unknown[] = [schema]
  while (pending.length > 0) {
    const node = pending.pop()
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]))
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const id = value.split('#')[0]!
          if (id === '') continue
          if (!(id in external)) return null
          if (!reached.has(id)) {
            reached.add(id)
            pending.push(external[id])
          }
        } else {
          pending.push(value)
        }
      }
    }
  }
  return reached
}
