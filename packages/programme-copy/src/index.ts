export {
  programmeCopy,
  type ProgrammeCopies,
  type ProgrammeCopy,
  type ProgrammeOf,
  type ProgrammeSection,
  type SettingsOf,
} from './programme-copy.js';
