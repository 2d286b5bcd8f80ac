/** How an audit row's summary starts, by what was done: "Archived ‘Early help’". One map, so every trail reads alike. */
export const auditVerbs = { update: 'Changed', end: 'Ended', archive: 'Archived', restore: 'Restored' } as const
