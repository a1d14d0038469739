export * from './severity';
export * from './config-file';
export { compileGlob, globError, isIgnoredPath, matchGlob, MAX_GLOB_LENGTH, MAX_IGNORE_PATTERNS } from './glob';
export { applyKindOverrides } from './kinds';
export { applyOwners, ownerEntryFor, ownersForFile, ownerSpecificity, teamFor, MAX_OWNER_ENTRIES, MAX_TEAM_LENGTH, type DutyTeam, type OwnerEntry, type OwnerQuery } from './owners';
