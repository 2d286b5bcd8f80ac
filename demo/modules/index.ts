import type { DemoModule } from '../context.ts'
import { directory } from './directory.ts'

/**
 * The demo, one module per capability, in the order they run: a module may
 * refer (through refs) to anything an earlier one created. A new capability
 * adds its data in demo/data/ and its module here.
 */
export const demoModules: readonly DemoModule[] = [directory]
