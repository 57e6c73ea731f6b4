import type { Comparison } from './compare.js';

/** A plain text table, each column as wide as its widest cell. */
function layout(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The funnel the simulator made beside the one the ops report shows, for everyone and by
 * referrer (`!=` marks a row where they differ), then the referrers' views and any broken routes.
 */
export function formatComparison(comparison: Comparison): string {
  const groups = comparison.rows[0]?.cells.map((c) => c.group) ?? [];
  const header = ['measure', 'code', ...groups.flatMap((g) => [`${g}: simulator`, 'report']), ''];
  const body = comparison.rows.map((row) => [
    row.measure,
    row.code,
    ...row.cells.flatMap((c) => [
      String(c.simulator),
      c.system === undefined ? '-' : String(c.system),
    ]),
    row.cells.some((c) => c.simulator !== c.system) ? '!=' : '',
  ]);
  const people = comparison.rows[0]?.cells[0]?.simulator ?? 0;
  const lines = [
    layout([header, ...body]),
    '',
    `Referrers' views (GET /v1/referrals/:id): ${people - comparison.viewMismatches.length} of ${people} as the simulator left them; ${comparison.failures.length} route(s) broke off.`,
    ...comparison.viewMismatches
      .slice(0, 20)
      .map(
        (m) =>
          `  person ${m.index} (referral ${m.referralId}): expected ${JSON.stringify(m.expected)}, seen ${JSON.stringify(m.seen)}`,
      ),
    ...comparison.failures.slice(0, 20).map((f) => `  broke off: ${f}`),
    '',
    comparison.mismatches === 0
      ? 'Every figure and every view matches what the simulator did.'
      : `${comparison.mismatches} mismatch(es).`,
  ];
  return lines.join('\n');
}
