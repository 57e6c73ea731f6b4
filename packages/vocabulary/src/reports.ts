/** How an outcome report may break its figures down. */
export const reportBreakdowns = ['programme', 'period', 'referrer'] as const;
export type ReportBreakdown = (typeof reportBreakdowns)[number];
