import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

// The source of src/modules, parsed, for the checks that keep its shape: one owner per table,
// one writer per invariant. They read the code, so a new shortcut fails a test, not a review.

const SRC = join(import.meta.dirname, '../../src')
const MODULES = join(SRC, 'modules')

export interface SourceFile {
  path: string
  module: string
  source: ts.SourceFile
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  )
}

export const files: SourceFile[] = filesUnder(MODULES).map((path) => ({
  path: relative(SRC, path),
  module: relative(MODULES, path).split('/')[0]!,
  source: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true),
}))

export function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node)
  node.forEachChild((child) => walk(child, visit))
}

/** The text of every sql`…` template in a file, with its line. */
export function sqlTexts(f: SourceFile): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = []
  walk(f.source, (n) => {
    if (ts.isTaggedTemplateExpression(n) && n.tag.getText() === 'sql') {
      const t = n.template
      const text = ts.isNoSubstitutionTemplateLiteral(t) ? t.text : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)].join(' ? ')
      found.push({ line: f.source.getLineAndCharacterOfPosition(n.getStart()).line + 1, text })
    }
  })
  return found
}

/**
 * Files whose sql`…` templates insert into `table` (a Drizzle table object, e.g.
 * `reservations`) in raw SQL: `insert into ${table} (…)`, or the table's name written out.
 */
export function rawInsertsInto(table: string, name: string): string[] {
  const found: string[] = []
  for (const f of files) {
    walk(f.source, (n) => {
      if (!ts.isTaggedTemplateExpression(n) || n.tag.getText() !== 'sql') return
      const t = n.template
      const spans = ts.isNoSubstitutionTemplateLiteral(t) ? [] : t.templateSpans
      const literals = ts.isNoSubstitutionTemplateLiteral(t) ? [t.text] : [t.head.text, ...spans.map((s) => s.literal.text)]
      const interpolated = spans.some((s, i) => /insert\s+into\s*$/i.test(literals[i]!) && s.expression.getText() === table)
      const written = literals.some((l) => new RegExp(`insert\\s+into\\s+"?${name}"?\\b`, 'i').test(l))
      if (interpolated || written) found.push(f.path)
    })
  }
  return found
}

/** Files with a `….<method>(<table>)` call, e.g. `tx.update(reservations)`, and the keys set after it. */
export function callsOn(method: 'insert' | 'update', table: string): { path: string; keys: string[] }[] {
  const found: { path: string; keys: string[] }[] = []
  for (const f of files) {
    walk(f.source, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== method) return
      if (n.arguments[0]?.getText() !== table) return
      // `.update(t).set({…})`: the keys of the object literal handed to set.
      const parent = n.parent
      const set =
        ts.isPropertyAccessExpression(parent) && parent.name.text === 'set' && ts.isCallExpression(parent.parent) ? parent.parent.arguments[0] : undefined
      const keys = set && ts.isObjectLiteralExpression(set) ? set.properties.map((p) => p.name?.getText() ?? '') : []
      found.push({ path: f.path, keys })
    })
  }
  return found
}
