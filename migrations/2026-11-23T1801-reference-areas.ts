import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { sql, type Kysely } from 'kysely'

// Frozen once landed, with reference/areas-2024.csv: later changes go in a new migration.
// The register of areas every partnership shares: England, the nine English
// regions and the upper- and lower-tier local authorities (ONS GSS codes and
// names, including codes retired since 2019 that published series still use),
// as read from the Fingertips-derived data in shared/reference. Only Greater
// Manchester's and London's boroughs carry their region here; a partnership's
// localities and wards are its own rows, added in the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = parse(readFileSync(join(import.meta.dirname, 'reference', 'areas-2024.csv')), { columns: true, skip_empty_lines: true }) as {
    code: string
    name: string
    kind: string
    parent_code: string
  }[]
  // Parents first, so every parent_code already exists when its children arrive.
  const order = ['country', 'region', 'local-authority']
  rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200)
    await sql`
      INSERT INTO areas (code, name, kind, parent_code)
      VALUES ${sql.join(batch.map((r) => sql`(${r.code}, ${r.name}, ${r.kind}, ${r.parent_code || null})`))}
    `.execute(db)
  }
}
