export {
  openReportingProfile,
  reportingRelease,
  sealReportingProfile,
  type SealedProfile,
} from './sealed-profile.js';
