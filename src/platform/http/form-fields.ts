import { z } from 'zod'

/** Optional choice of a record by id: blank means none. */
export const optionalId = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())

/** Free text that may be left blank. */
export const optionalText = (max: number, message: string) => z.preprocess((v) => v ?? '', z.string().trim().max(max, message))
