import { test } from 'node:test'
import assert from 'node:assert/strict'
import { dependencyOrder, selfReferenceColumns, type TableInfo } from './schema.ts'

function table(name: string, references: string[] = [], columns: { name: string; nullable?: boolean }[] = [{ name: 'id' }]): TableInfo {
  return {
    name,
    columns: columns.map((c) => ({ name: c.name, type: 'uuid', nullable: c.nullable ?? false, identity: false, json: false, sequence: null })),
    primaryKey: ['id'],
    foreignKeys: references.map((r) => ({ columns: [`${r}_id`], references: r })),
  }
}

test('tables come after every table they refer to, alphabetically among equals', () => {
  const ordered = dependencyOrder([
    table('people', ['organisations', 'partnerships']),
    table('organisations', ['partnerships']),
    table('users'),
    table('partnerships'),
    table('memberships', ['users', 'partnerships']),
  ])
  assert.deepEqual(
    ordered.map((t) => t.name),
    ['partnerships', 'users', 'memberships', 'organisations', 'people'],
  )
})

test('a table referring to itself is ordered normally', () => {
  assert.deepEqual(
    dependencyOrder([table('bodies', ['bodies', 'partnerships']), table('partnerships')]).map((t) => t.name),
    ['partnerships', 'bodies'],
  )
})

test('tables referring to each other in a cycle are reported, not looped over', () => {
  assert.throws(() => dependencyOrder([table('a', ['b']), table('b', ['a']), table('c')]), /cycle: a, b/)
})

test('only nullable, non-key columns of a self-reference are filled in afterwards', () => {
  const bodies: TableInfo = {
    ...table(
      'bodies',
      [],
      [{ name: 'id' }, { name: 'partnership_id' }, { name: 'accountable_to_id', nullable: true }, { name: 'replaced_by_id', nullable: true }],
    ),
    foreignKeys: [
      { columns: ['partnership_id', 'accountable_to_id'], references: 'bodies' },
      { columns: ['partnership_id'], references: 'partnerships' },
    ],
  }
  assert.deepEqual(selfReferenceColumns(bodies), ['accountable_to_id'])
})
