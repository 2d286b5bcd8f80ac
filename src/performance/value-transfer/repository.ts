import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import { copyIn, escapeCopyText } from '../../platform/db/copy-in.ts'
import type { ImportLayout } from '../../platform/db/performance-tables.ts'
import type { Problem, StagedValue } from './model.ts'
import { counterDigits, valueIdPrefix } from './value-ids.ts'

// The set-based half of an import. Rows read from the file go, in batches,
// into a temporary staging table that lives only as long as the import's
// transaction; the checks that need the database (is the area in the
// register? does the file give one key twice?) are single queries over it, and
// so is the write. Nothing here holds more than one batch of rows in memory.

const staging = sql.table('value_import_rows')
const key = ['indicator_id', 'area_code', 'period_starts_on', 'sex', 'age', 'category_type', 'category'] as const
const sameKey = (a: string, b: string) => sql.raw(key.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND '))

/** `acrossTransactions` keeps the table for the session (PGlite's one session, whose import runs as short transactions) until dropStaging. */
export async function createStaging(db: Executor, acrossTransactions = false): Promise<void> {
  // A demo or a test may import twice in one transaction: the table goes at commit (or at dropStaging), or here.
  await sql`DROP TABLE IF EXISTS pg_temp.value_import_rows`.execute(db)
  await sql`
    CREATE TEMPORARY TABLE value_import_rows (
      row_number integer NOT NULL,
      indicator_id uuid NOT NULL,
      area_code text NOT NULL,
      period_starts_on date NOT NULL,
      sex text NOT NULL,
      age text NOT NULL,
      category_type text NOT NULL,
      category text NOT NULL,
      category_rank integer,
      rank_given boolean NOT NULL,
      count numeric,
      denominator numeric,
      value numeric,
      lower_95 numeric,
      upper_95 numeric,
      lower_998 numeric,
      upper_998 numeric,
      note text,
      illustrative boolean,
      value_computed boolean NOT NULL,
      limits95_computed boolean NOT NULL,
      limits998_computed boolean NOT NULL
    ) ${sql.raw(acrossTransactions ? 'ON COMMIT PRESERVE ROWS' : 'ON COMMIT DROP')}
  `.execute(db)
  // Written a part at a time, the rows of each part are found by their number rather than by reading them all.
  if (acrossTransactions) await sql`CREATE INDEX ON value_import_rows (row_number)`.execute(db)
}

const stagedLine = (r: StagedValue) =>
  [
    r.row,
    r.indicatorId,
    r.areaCode,
    r.periodStartsOn,
    r.sex,
    r.age,
    r.categoryType,
    r.category,
    r.categoryRank,
    r.rankGiven,
    r.count,
    r.denominator,
    r.value,
    r.lower95,
    r.upper95,
    r.lower998,
    r.upper998,
    r.note,
    r.illustrative,
    r.valueComputed,
    r.limits95Computed,
    r.limits998Computed,
  ]
    .map(escapeCopyText)
    .join('\t') + '\n'

/**
 * One batch: on PostgreSQL by COPY, which the server reads several times
 * faster than an INSERT; on PGlite (no COPY from a stream) as one statement
 * with one array a column, far cheaper to send and plan than a row of
 * parameters each. Both in the staging table's column order.
 */
export async function stageBatch(db: Executor, rows: readonly StagedValue[], byCopy = false): Promise<void> {
  if (!rows.length) return
  if (byCopy) return copyIn(db, 'COPY value_import_rows FROM STDIN', [rows.map(stagedLine).join('')])
  const column = <T>(pick: (r: StagedValue) => T) => rows.map(pick)
  await sql`
    INSERT INTO value_import_rows
    SELECT * FROM unnest(
      ${column((r) => r.row)}::integer[], ${column((r) => r.indicatorId)}::uuid[], ${column((r) => r.areaCode)}::text[],
      ${column((r) => r.periodStartsOn)}::date[], ${column((r) => r.sex)}::text[], ${column((r) => r.age)}::text[],
      ${column((r) => r.categoryType)}::text[], ${column((r) => r.category)}::text[], ${column((r) => r.categoryRank)}::integer[], ${column((r) => r.rankGiven)}::boolean[],
      ${column((r) => r.count)}::numeric[], ${column((r) => r.denominator)}::numeric[], ${column((r) => r.value)}::numeric[],
      ${column((r) => r.lower95)}::numeric[], ${column((r) => r.upper95)}::numeric[], ${column((r) => r.lower998)}::numeric[],
      ${column((r) => r.upper998)}::numeric[], ${column((r) => r.note)}::text[], ${column((r) => r.illustrative)}::boolean[],
      ${column((r) => r.valueComputed)}::boolean[], ${column((r) => r.limits95Computed)}::boolean[], ${column((r) => r.limits998Computed)}::boolean[]
    )
  `.execute(db)
}

/**
 * Statistics for the planner, which otherwise guesses a temporary table is
 * small and loops over a million rows. It needs the table's size and roughly
 * how many areas, periods and indicators there are, which a sample of 3,000
 * rows gives as well as the default 30,000, in a tenth of the time.
 */
export async function analyseStaging(db: Executor): Promise<void> {
  const { rows } = await sql<{ previous: string }>`
    SELECT current_setting('default_statistics_target') AS previous, set_config('default_statistics_target', '10', true)
  `.execute(db)
  await sql`ANALYZE value_import_rows`.execute(db)
  await sql`SELECT set_config('default_statistics_target', ${rows[0]!.previous}, true)`.execute(db)
}

interface Found {
  problems: Problem[]
  total: number
}

/** Rows whose area is not in the register the partnership sees (the shared areas and its own localities). */
export async function unknownAreas(db: Executor, cap: number, column: string): Promise<Found> {
  const rows = await sql<{ row_number: number; area_code: string; total: number | string }>`
    SELECT s.row_number, s.area_code, count(*) OVER () AS total
    FROM ${staging} s
    WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = s.area_code)
    ORDER BY s.row_number
    LIMIT ${cap}
  `.execute(db)
  return {
    total: Number(rows.rows[0]?.total ?? 0),
    problems: rows.rows.map((r) => ({
      row: r.row_number,
      column,
      message: `No area in the register has the code ${r.area_code}: check the code, or add the locality to the partnership first`,
    })),
  }
}

/** Rows that give a value for an indicator, area, period and breakdown an earlier row already gave. */
export async function duplicateKeys(db: Executor, cap: number): Promise<Found> {
  const keys = sql.raw(key.join(', '))
  // First whether there are any, keys grouped by hash in memory (see tuneForImport): one pass over the rows, and for
  // nearly every file the only one. The rows repeating a key are found only when there are some.
  const counted = await sql<{ total: number | string | null }>`
    SELECT sum(n - 1) AS total FROM (SELECT count(*) AS n FROM ${staging} GROUP BY ${keys} HAVING count(*) > 1) r
  `.execute(db)
  const total = Number(counted.rows[0]?.total ?? 0)
  if (total === 0) return { total, problems: [] }
  const rows = await sql<{ row_number: number; first_row: number }>`
    WITH repeated AS (SELECT ${keys}, min(row_number) AS first_row FROM ${staging} GROUP BY ${keys} HAVING count(*) > 1)
    SELECT s.row_number, r.first_row FROM ${staging} s JOIN repeated r ON ${sameKey('r', 's')}
    WHERE s.row_number > r.first_row
    ORDER BY s.row_number
    LIMIT ${cap}
  `.execute(db)
  return {
    total,
    problems: rows.rows.map((r) => ({
      row: r.row_number,
      column: null,
      message: `Repeats row ${r.first_row}: the same indicator, area, period and breakdown. Keep one of them`,
    })),
  }
}

/**
 * For the rest of the transaction: no JIT, whose compiling of the import's
 * few big statements costs more than it saves, and room to hash a file's keys
 * in memory rather than spill them to disk. PGlite's memory is this process's,
 * so it gets less.
 */
export async function tuneForImport(db: Executor, embedded: boolean): Promise<void> {
  await sql`SELECT set_config('jit', 'off', true), set_config('work_mem', ${embedded ? '64MB' : '256MB'}, true)`.execute(db)
}

export async function insertImport(
  db: Executor,
  partnershipId: string,
  filename: string,
  layout: ImportLayout,
  rowCount: number,
  label: string,
): Promise<string> {
  const row = await db
    .insertInto('value_imports')
    .values({ partnership_id: partnershipId, filename, layout, row_count: rowCount, imported_by_label: label })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

// A value or limits the import gives that are just what the method makes of the count are the same figures as none stored:
// an export, which shows them, imports back unchanged, and a published figure stored as given stays as given.
const unchanged = sql.raw(
  [
    '(NOT s.rank_given OR v.category_rank IS NOT DISTINCT FROM s.category_rank)',
    'v.count IS NOT DISTINCT FROM s.count',
    'v.denominator IS NOT DISTINCT FROM s.denominator',
    '(v.value IS NOT DISTINCT FROM s.value OR (s.value_computed AND v.value IS NULL))',
    '((v.lower_95 IS NOT DISTINCT FROM s.lower_95 AND v.upper_95 IS NOT DISTINCT FROM s.upper_95) OR (s.limits95_computed AND v.lower_95 IS NULL))',
    '((v.lower_998 IS NOT DISTINCT FROM s.lower_998 AND v.upper_998 IS NOT DISTINCT FROM s.upper_998) OR (s.limits998_computed AND v.lower_998 IS NULL))',
    // A column the file does not have (the Fingertips layout has no Illustrative) leaves the value's own.
    '(s.note IS NULL OR v.note = s.note)',
    '(s.illustrative IS NULL OR v.illustrative = s.illustrative)',
  ].join(' AND '),
)
const keepComputed = (flag: string, column: string, stored: string) => `CASE WHEN c.${flag} AND v.${stored} IS NULL THEN NULL ELSE c.${column} END`

/**
 * Replaces the values whose figures the file changes, keeping what they said
 * in indicator_value_revisions first, then adds the ones that are new.
 * Values the file repeats unchanged are left alone, so re-importing an export
 * changes nothing.
 */
export async function applyStaged(
  db: Executor,
  partnershipId: string,
  importId: string,
  rows?: { from: number; to: number },
): Promise<{ added: number; replaced: number }> {
  // The file's rows from and to, when the writing is done a part at a time; all of them otherwise.
  const within = rows ? sql`s.row_number BETWEEN ${rows.from} AND ${rows.to}` : sql`true`
  // A part's few hundred rows are each looked up in the key's index (OFFSET 0 keeps the lookup a subquery run a row at
  // a time, and no hashing or merging of whole tables). Left to itself the planner, whose statistics (PGlite has no
  // autovacuum) still say the values the import is adding are not there, reads all of the partnership's values for
  // every part: a million-row import would read them two thousand times over. The whole file at once is better joined.
  if (rows) await sql`SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`.execute(db)
  const stored = sql`SELECT * FROM indicator_values v WHERE v.partnership_id = ${partnershipId} AND ${sameKey('v', 's')}`
  const storedFor = rows
    ? sql`CROSS JOIN LATERAL (${stored} OFFSET 0) v`
    : sql`JOIN indicator_values v ON v.partnership_id = ${partnershipId} AND ${sameKey('v', 's')}`
  const isNew = rows ? sql`NOT EXISTS (${stored} OFFSET 0)` : sql`NOT EXISTS (${stored})`
  const replaced = await sql<{ n: number | string }>`
    WITH changed AS (
      SELECT v.id AS value_id, s.* FROM ${staging} s ${storedFor}
      WHERE ${within} AND NOT (${unchanged})
    ), kept AS (
      INSERT INTO indicator_value_revisions (
        partnership_id, value_id, indicator_id, area_code, period_starts_on, sex, age, category_type, category, category_rank,
        count, denominator, value, lower_95, upper_95, lower_998, upper_998, note, illustrative, previous_import_id, import_id
      )
      SELECT v.partnership_id, v.id, v.indicator_id, v.area_code, v.period_starts_on, v.sex, v.age, v.category_type, v.category, v.category_rank,
        v.count, v.denominator, v.value, v.lower_95, v.upper_95, v.lower_998, v.upper_998, v.note, v.illustrative, v.import_id, ${importId}
      FROM indicator_values v JOIN changed c ON c.value_id = v.id
      RETURNING 1
    ), updated AS (
      UPDATE indicator_values v SET
        category_rank = CASE WHEN c.rank_given THEN c.category_rank ELSE v.category_rank END, count = c.count, denominator = c.denominator,
        value = ${sql.raw(keepComputed('value_computed', 'value', 'value'))},
        lower_95 = ${sql.raw(keepComputed('limits95_computed', 'lower_95', 'lower_95'))}, upper_95 = ${sql.raw(keepComputed('limits95_computed', 'upper_95', 'lower_95'))},
        lower_998 = ${sql.raw(keepComputed('limits998_computed', 'lower_998', 'lower_998'))}, upper_998 = ${sql.raw(keepComputed('limits998_computed', 'upper_998', 'lower_998'))},
        note = coalesce(c.note, v.note), illustrative = coalesce(c.illustrative, v.illustrative), import_id = ${importId}, updated_at = now(), version = v.version + 1
      FROM changed c WHERE v.id = c.value_id
      RETURNING 1
    )
    -- The update runs whether or not it is read (PostgreSQL runs every data-modifying WITH once, to completion).
    SELECT count(*) AS n FROM kept
  `.execute(db)
  // Ids rising in the order the values are written (see value-ids.ts); a part's counters start at its first row,
  // so no two parts of one import can give the same one.
  const inKeyOrder = sql.raw(key.map((c) => `s.${c}`).join(', '))
  const counter = sql`${(rows?.from ?? 1) - 1}::bigint + row_number() OVER (ORDER BY ${inKeyOrder})`
  const added = await sql<{ n: number | string }>`
    WITH inserted AS (
      INSERT INTO indicator_values (
        id, partnership_id, indicator_id, area_code, period_starts_on, sex, age, category_type, category, category_rank,
        count, denominator, value, lower_95, upper_95, lower_998, upper_998, note, illustrative, import_id
      )
      SELECT (${valueIdPrefix(Date.now(), randomBytes(5))} || lpad(to_hex(${counter}), ${counterDigits}, '0'))::uuid,
        ${partnershipId}, s.indicator_id, s.area_code, s.period_starts_on, s.sex, s.age, s.category_type, s.category, s.category_rank,
        s.count, s.denominator, s.value, s.lower_95, s.upper_95, s.lower_998, s.upper_998, coalesce(s.note, ''), coalesce(s.illustrative, false), ${importId}
      FROM ${staging} s
      WHERE ${within} AND ${isNew}
      -- In the order of the key's index: each index page and each foreign key's row is met once, not again and again.
      ORDER BY ${inKeyOrder}
      RETURNING 1
    )
    SELECT count(*) AS n FROM inserted
  `.execute(db)
  return { added: Number(added.rows[0]?.n ?? 0), replaced: Number(replaced.rows[0]?.n ?? 0) }
}

/** The last row number staged, for writing the rows a part at a time. */
export async function lastStagedRow(db: Executor): Promise<number> {
  const row = await sql<{ last: number | null }>`SELECT max(row_number) AS last FROM ${staging}`.execute(db)
  return row.rows[0]?.last ?? 0
}

/**
 * Takes back an import written a part at a time that did not finish: the
 * values it added go, the ones it replaced get back the figures kept in
 * their revisions, and its record goes. Its audit event, written with its
 * last part, is what says it finished; an import with one is never undone.
 */
export async function undoImport(db: Executor, partnershipId: string, importId: string): Promise<void> {
  const mine = sql`r.partnership_id = ${partnershipId} AND r.import_id = ${importId}`
  await sql`
    DELETE FROM indicator_values v
    WHERE v.partnership_id = ${partnershipId} AND v.import_id = ${importId}
      AND NOT EXISTS (SELECT 1 FROM indicator_value_revisions r WHERE ${mine} AND r.value_id = v.id)
  `.execute(db)
  await sql`
    UPDATE indicator_values v SET
      category_rank = r.category_rank, count = r.count, denominator = r.denominator, value = r.value,
      lower_95 = r.lower_95, upper_95 = r.upper_95, lower_998 = r.lower_998, upper_998 = r.upper_998,
      note = r.note, illustrative = r.illustrative, import_id = r.previous_import_id, updated_at = now(), version = v.version + 1
    FROM indicator_value_revisions r
    WHERE ${mine} AND r.value_id = v.id AND v.partnership_id = ${partnershipId}
  `.execute(db)
  await sql`DELETE FROM indicator_value_revisions r WHERE ${mine}`.execute(db)
  await db.deleteFrom('value_imports').where('partnership_id', '=', partnershipId).where('id', '=', importId).execute()
}

/** Imports of the partnership begun a part at a time and never finished (the process stopped half way): they have no audit event. */
export async function unfinishedImports(db: Executor, partnershipId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT vi.id FROM value_imports vi
    WHERE vi.partnership_id = ${partnershipId}
      AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.partnership_id = ${partnershipId} AND a.entity_type = 'value-import' AND a.entity_id = vi.id::text)
  `.execute(db)
  return rows.rows.map((r) => r.id)
}

/** Statistics for the planner after an import changed many values, as autovacuum would give them; PGlite has none. Needs the owner role. */
export async function analyseValues(db: Executor): Promise<void> {
  await sql`ANALYZE indicator_values`.execute(db)
}

export async function dropStaging(db: Executor): Promise<void> {
  await sql`DROP TABLE IF EXISTS pg_temp.value_import_rows`.execute(db)
}

/** Every indicator of the partnership, with the user who leads its target, for reading rows against. */
export async function indicatorsForImport(db: Executor, partnershipId: string) {
  return db
    .selectFrom('indicators as i')
    .leftJoin('people as p', (join) => join.onRef('p.id', '=', 'i.target_lead_id').on('p.partnership_id', '=', partnershipId))
    .select([
      'i.id',
      'i.title',
      'i.period_type',
      'i.value_type',
      'i.multiplier',
      'i.archived_at',
      'i.external_source',
      'i.external_id',
      'p.user_id as leadUserId',
    ])
    .where('i.partnership_id', '=', partnershipId)
    .execute()
}

/** Past imports, newest first, with how many of their values are still as they brought them and how many earlier figures they replaced. */
export async function pastImports(db: Executor, partnershipId: string, limit = 200) {
  return db
    .selectFrom('value_imports as vi')
    .select((eb) => [
      'vi.id',
      'vi.filename',
      'vi.layout',
      'vi.row_count',
      'vi.imported_by_label',
      'vi.created_at',
      eb
        .selectFrom('indicator_values as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.import_id', '=', 'vi.id')
        .where('v.partnership_id', '=', partnershipId)
        .as('current'),
      eb
        .selectFrom('indicator_value_revisions as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.import_id', '=', 'vi.id')
        .where('r.partnership_id', '=', partnershipId)
        .as('replaced'),
    ])
    .where('vi.partnership_id', '=', partnershipId)
    .orderBy('vi.created_at', 'desc')
    .limit(limit)
    .execute()
}
