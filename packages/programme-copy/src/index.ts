export {
  programmeCopy,
  type ProgrammeCopies,
  type ProgrammeCopy,
  type ProgrammeSection,
  type SettingsOf,
} from './programme-copy.js';
