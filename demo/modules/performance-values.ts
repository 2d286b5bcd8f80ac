import { createReadStream, statSync } from 'node:fs'
import { join } from 'node:path'
import type { DemoModule } from '../context.ts'
import { demoActorLabel } from '../context.ts'
import { importInto } from '../../src/performance/value-transfer/import.ts'

const exportFile = join(import.meta.dirname, '..', 'data', 'fingertips-export.csv')

/**
 * Published values for the six demo indicators: Oldham, the other nine Greater
 * Manchester boroughs, the North West and England, 2018 to 2023, with Year 6
 * obesity by deprivation quintile within Oldham. The figures are the Fingertips
 * API data in shared/reference/indicator-statistics/data (FingertipsNext
 * healthdata, February 2025), unchanged, written out as a Fingertips export
 * (demo/data/fingertips-export.csv, the 27 columns Fingertips writes) and
 * loaded through the same importer an analyst uses, so the demo proves it:
 * periods Fingertips lists without a value are skipped, as they would be.
 */
export const performanceValues: DemoModule = {
  name: 'published indicator values',
  async seed({ trx, partnershipId }) {
    const actor = { userId: null, label: demoActorLabel, partnershipId, role: 'admin' as const }
    const source = { filename: 'fingertips-export.csv', size: statSync(exportFile).size, open: () => createReadStream(exportFile) }
    await importInto(trx, actor, source, 'csv')
  },
}
