import type { IndicatorInput } from '../../src/performance/indicators/schema.ts'

/**
 * The partnership's key performance indicators, "drawn from existing KPIs
 * across the system" (seed 000 §2): the child-relevant Fingertips indicators
 * whose published values for Oldham are in shared/reference/indicator-statistics/data.
 * Definitions follow the Fingertips metadata there, except where it is wrong
 * for what the indicator measures, as each comment says.
 */
export interface DemoIndicator extends Omit<IndicatorInput, 'targetLeadId' | 'owningBodyId' | 'outcomeIds'> {
  key: string
  /** Outcome keys from demo/data/framework.ts. */
  outcomes: string[]
  /** Person key: demo/data/people.ts, or 'dph' added by the performance module. */
  targetLead: string
  /** Body key from demo/data/bodies.ts. */
  owningBody: string
}

const common = { rationale: '', unit: '', decimalPlaces: 1, frequency: 'annual', comparisonMethod: 'ci-95', smallNumberThreshold: 5 } as const

export const demoIndicators: DemoIndicator[] = [
  {
    ...common,
    key: 'year6-obesity',
    title: 'Year 6: prevalence of obesity (including severe obesity)',
    description: 'The percentage of children in Year 6 (aged 10 to 11) measured as obese or severely obese.',
    source: 'National Child Measurement Programme (Fingertips)',
    unit: 'children',
    valueType: 'proportion',
    multiplier: 100,
    // The reference metadata says "High is good": for obesity, lower is better.
    polarity: 'low-is-good',
    periodType: 'academic-year',
    fingertipsId: '92033',
    outcomes: ['healthy'],
    targetLead: 'dph',
    owningBody: 'hwb',
  },
  {
    ...common,
    key: 'under-18-conceptions',
    title: 'Under-18 conceptions',
    description: 'Conceptions in women aged under 18, per 1,000 females aged 15 to 17.',
    source: 'Office for National Statistics (Fingertips)',
    unit: 'conceptions',
    valueType: 'crude-rate',
    multiplier: 1000,
    polarity: 'low-is-good',
    periodType: 'calendar-year',
    fingertipsId: '20401',
    outcomes: ['healthy', 'adulthood'],
    targetLead: 'dph',
    owningBody: 'spb',
  },
  {
    ...common,
    key: 'alcohol-admissions-under-18',
    title: 'Admission episodes for alcohol-specific conditions, under 18s',
    description: 'Hospital admission episodes for alcohol-specific conditions in people aged under 18, per 100,000 population.',
    source: 'Hospital Episode Statistics (Fingertips)',
    unit: 'admission episodes',
    valueType: 'crude-rate',
    multiplier: 100000,
    polarity: 'low-is-good',
    periodType: 'financial-year',
    fingertipsId: '92904',
    outcomes: ['healthy', 'safe'],
    targetLead: 'dph',
    owningBody: 'spb',
  },
  {
    ...common,
    key: 'smoking-at-delivery',
    title: 'Smoking status at time of delivery',
    description: 'The percentage of mothers known to be smokers at the time of delivery.',
    source: 'Maternity Services Data Set (Fingertips)',
    unit: 'maternities',
    valueType: 'proportion',
    multiplier: 100,
    polarity: 'low-is-good',
    periodType: 'financial-year',
    fingertipsId: '93085',
    outcomes: ['healthy'],
    targetLead: 'ccg-chief-officer',
    owningBody: 'hwb',
  },
  {
    ...common,
    key: 'hepatitis-b-vaccination',
    title: 'Hepatitis B vaccination coverage, aged 2',
    description: 'The percentage of children aged 2 born to hepatitis B positive mothers who received a complete course of hepatitis B vaccine.',
    source: 'UK Health Security Agency (Fingertips)',
    unit: 'children',
    valueType: 'proportion',
    multiplier: 100,
    polarity: 'high-is-good',
    periodType: 'financial-year',
    fingertipsId: '30302',
    // Very small numbers in one borough: public pages hold back values from fewer than 5 children.
    outcomes: ['healthy', 'safe'],
    targetLead: 'ccg-chief-officer',
    owningBody: 'hwb',
  },
  {
    ...common,
    key: 'absolute-low-income',
    title: 'Children in absolute low income families (under 16s)',
    description: 'The percentage of children aged under 16 living in families in absolute low income.',
    source: 'Department for Work and Pensions (Fingertips)',
    unit: 'children',
    valueType: 'proportion',
    multiplier: 100,
    polarity: 'low-is-good',
    periodType: 'financial-year',
    fingertipsId: '93701',
    // Seed 000 names no poverty outcome; low income is the widest of the gaps the partnership sets out to narrow in doing well at school and college.
    outcomes: ['achieving'],
    targetLead: 'dcs',
    owningBody: 'spb',
  },
]
