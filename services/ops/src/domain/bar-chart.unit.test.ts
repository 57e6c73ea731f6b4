import { describe, expect, it } from 'vitest';
import { barChart } from './bar-chart.js';

describe('the report bar chart', () => {
  it('when figures differ, then bars scale to the largest, one row apart, and a zero has no bar', () => {
    const chart = barChart(
      [
        { label: 'a', n: 50 },
        { label: 'b', n: 25 },
        { label: 'c', n: 0 },
      ],
      400,
    );
    expect(chart.bars.map((b) => [b.width, b.y])).toEqual([
      [400, 2],
      [200, 32],
      [0, 62],
    ]);
    expect(chart.height).toBe(94);
  });

  it('when every figure is zero, then no bar is drawn and nothing divides by zero', () => {
    expect(barChart([{ label: 'a', n: 0 }]).bars[0]!.width).toBe(0);
  });
});
