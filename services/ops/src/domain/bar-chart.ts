/** A horizontal bar chart's geometry, for an SVG drawn on the server. */
export interface BarChart {
  height: number;
  bars: { label: string; n: number; y: number; width: number }[];
}

/** Bars up to `maxWidth` wide, scaled to the largest figure; a zero has no bar. */
export function barChart(rows: readonly { label: string; n: number }[], maxWidth = 380): BarChart {
  const largest = Math.max(1, ...rows.map((r) => r.n));
  return {
    height: rows.length * 30 + 4,
    bars: rows.map((r, i) => ({
      label: r.label,
      n: r.n,
      y: i * 30 + 2,
      width: Math.round((r.n / largest) * maxWidth),
    })),
  };
}
