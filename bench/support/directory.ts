import type { Db } from '../../src/platform/db/database.ts'
import type { Sector } from '../../src/platform/db/tables.ts'

// Oldham's twenty wards: with ten kinds of organisation each, 200 distinct names.
const wards = [
  'Alexandra',
  'Chadderton Central',
  'Chadderton North',
  'Chadderton South',
  'Coldhurst',
  'Crompton',
  'Failsworth East',
  'Failsworth West',
  'Hollinwood',
  'Medlock Vale',
  'Royton North',
  'Royton South',
  'Saddleworth North',
  'Saddleworth South',
  'Saddleworth West and Lees',
  'Shaw',
  'St James’',
  'St Mary’s',
  'Waterhead',
  'Werneth',
]

const kinds: { suffix: string; sector: Sector; statutory: boolean }[] = [
  { suffix: 'Family Hub', sector: 'local-authority', statutory: true },
  { suffix: 'Youth Justice Team', sector: 'local-authority', statutory: true },
  { suffix: 'Medical Practice', sector: 'nhs', statutory: true },
  { suffix: 'Health Visiting Team', sector: 'nhs', statutory: true },
  { suffix: 'Neighbourhood Policing Team', sector: 'police', statutory: true },
  { suffix: 'Primary Academy', sector: 'education', statutory: true },
  { suffix: 'Youth & Community Centre', sector: 'vcfs', statutory: false },
  { suffix: 'Food Bank', sector: 'vcfs', statutory: false },
  { suffix: 'Parents’ Forum', sector: 'vcfs', statutory: false },
  { suffix: 'Juniors Football Club', sector: 'other', statutory: false },
]

const forenames = ['Amira', 'Ben', 'Chloe', 'Dev', 'Emma', 'Farhan', 'Grace', 'Haroon', 'Isla', 'Jack']
const surnames = ['Ahmed', 'Brierley', 'Clegg', 'Dawson', 'Hussain', 'Kaur', 'Lees', 'Mills', 'Ogden', 'Schofield']
const roleTitles = ['Designated Safeguarding Lead', 'Service Manager', 'Partnership Lead', 'Head of Service']

/**
 * A partnership's directory at the size of a real borough: one organisation of
 * each kind per ward, and people in every third organisation (one to four
 * each), so the list's people counts are not all zero.
 */
export async function seedDirectory(db: Db, partnershipId: string, count = 200): Promise<{ organisations: number; people: number }> {
  const values = Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length]!
    const ward = wards[Math.floor(i / kinds.length) % wards.length]!
    const round = Math.floor(i / (kinds.length * wards.length))
    return {
      partnership_id: partnershipId,
      name: `${ward} ${kind.suffix}${round > 0 ? ` ${round + 1}` : ''}`,
      sector: kind.sector,
      is_statutory: kind.statutory,
      website: i % 2 === 0 ? `https://example.org/${i}` : null,
      description: `Works with children, young people and families in ${ward}.`,
    }
  })
  const organisations = await db.insertInto('organisations').values(values).returning('id').execute()

  const people = organisations.flatMap(({ id }, i) =>
    i % 3 !== 0
      ? []
      : Array.from({ length: (i % 4) + 1 }, (_, j) => {
          const forename = forenames[(i + j) % forenames.length]!
          const surname = surnames[(i * 7 + j) % surnames.length]!
          return {
            partnership_id: partnershipId,
            organisation_id: id,
            // Some people are known only by the role they hold, as in council papers.
            name: j === 3 ? null : `${forename} ${surname}`,
            role_title: roleTitles[j % roleTitles.length]!,
            email: `${forename}.${surname}.${i}.${j}@example.org`.toLowerCase(),
          }
        }),
  )
  if (people.length > 0) await db.insertInto('people').values(people).execute()
  return { organisations: organisations.length, people: people.length }
}
