import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { files, sqlTexts, walk } from '../helpers/source.js'

/** table name → owning module, from every `pgTable('name', …)` in a module's schema.ts. */
const owners = new Map<string, string>()
for (const f of files.filter((f) => f.path.endsWith('/schema.ts'))) {
  walk(f.source, (n) => {
    if (ts.isCallExpression(n) && n.expression.getText() === 'pgTable' && ts.isStringLiteral(n.arguments[0]!)) owners.set(n.arguments[0].text, f.module)
  })
}

/** Where raw SQL names a table after a keyword that reads or writes it. */
const TABLE_USE = /\b(?:from|join|into|update|table)\s+"?([a-z_]+)"?/gi

describe('one owner per table', () => {
  it('finds the tables and their owners', () => {
    expect(owners.get('reservations')).toBe('reservations')
    expect(owners.get('inventory_nights')).toBe('stays')
    expect(owners.size).toBeGreaterThan(20)
  })

  it("no module names another module's table in raw SQL", () => {
    const offences = files.flatMap((f) =>
      sqlTexts(f).flatMap(({ line, text }) =>
        [...text.matchAll(TABLE_USE)]
          .map((m) => m[1]!.toLowerCase())
          .filter((table) => owners.has(table) && owners.get(table) !== f.module)
          .map((table) => `${f.path}:${line} reads ${table} (owned by ${owners.get(table)})`),
      ),
    )
    expect(offences).toEqual([])
  })

  it("no module queries another module's tables through their Drizzle objects (schema files may reference them for foreign keys)", () => {
    const offences = files
      .filter((f) => !f.path.endsWith('/schema.ts'))
      .flatMap((f) =>
        f.source.statements.filter(ts.isImportDeclaration).flatMap((imp) => {
          const from = (imp.moduleSpecifier as ts.StringLiteral).text
          const match = /^\.\.\/([a-z-]+)\/schema\.js$/.exec(from)
          if (!match || match[1] === f.module || imp.importClause?.isTypeOnly) return []
          const names = imp.importClause?.namedBindings
          const values = names && ts.isNamedImports(names) ? names.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text) : ['*']
          return values.length > 0 ? [`${f.path} imports ${values.join(', ')} from ${from}`] : []
        }),
      )
    expect(offences).toEqual([])
  })
})
