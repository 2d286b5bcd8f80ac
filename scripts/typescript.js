// Thrive runs its TypeScript as it is: Node 22.18 and later strip the types
// themselves, so nothing is compiled and nothing is loaded here. Node 20 (out of
// support since April 2026) cannot, so it is given tsx instead, and the README's
// commands still work on a machine that has only Node 20.
if (!process.features.typescript) await import('tsx')
