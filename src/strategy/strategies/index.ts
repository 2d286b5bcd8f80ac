// What other features use of strategies: they import it from here, never from its files (lint holds this).
export { periodText } from './model.ts'
export { strategyOptions } from './repository.ts'
