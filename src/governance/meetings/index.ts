// What other features use of meetings: they import it from here, never from its files (lint holds this).
export { purposeLabels, purposes } from './model.ts'
