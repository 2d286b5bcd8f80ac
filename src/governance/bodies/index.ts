// What other features use of bodies: they import it from here, never from its files (lint holds this).
export { assertMayChangeBody, assertMayChangeSomeBody, bodiesActorMayChange, mayChangeBody, mayChangeSomeBody } from './access.ts'
export { bodyKindLabels, bodyKinds } from './model.ts'
export { bodyFilters } from './schema.ts'
export { bodyService } from './service.ts'
export type { BodyService } from './service.ts'
