export {
  openReportingProfile,
  sealReportingProfile,
  type SealedProfile,
} from './sealed-profile.js';
