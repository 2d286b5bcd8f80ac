/**
 * European Standard Population 2013, 19 five-year bands 0–4 … 85–89, 90+.
 * The standard population for every directly standardised rate PHE publishes
 * since 2014, so DSRs computed here compare with Fingertips.
 */
export const ESP2013: readonly number[] = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000]
