import { describe, expect, it } from 'vitest';
import { aboveTheFold, placeComponents } from './layout';

describe('placing components like CSS grid does', () => {
  it('fills rows left to right and wraps a component that does not fit', () => {
    const placed = placeComponents([
      { width: 6, height: 4 },
      { width: 6, height: 2 },
      { width: 8, height: 3 },
      { width: 4, height: 2 },
    ]);
    expect(placed).toEqual([
      { row: 0, column: 0 },
      { row: 0, column: 6 },
      // 8 columns do not fit beside the first (rows 0–3): below it, from row 4.
      { row: 4, column: 0 },
      { row: 4, column: 8 },
    ]);
  });

  it('never goes back before the cursor (sparse packing keeps the document order)', () => {
    const placed = placeComponents([
      { width: 4, height: 4 },
      { width: 8, height: 1 },
      { width: 12, height: 1 },
      { width: 4, height: 1 },
    ]);
    // The hole beside the first component (rows 1–3, columns 4–11) is not filled by the last one.
    expect(placed).toEqual([
      { row: 0, column: 0 },
      { row: 0, column: 4 },
      { row: 4, column: 0 },
      { row: 5, column: 0 },
    ]);
  });

  it('clamps widths to the grid', () => {
    expect(placeComponents([{ width: 20, height: 1 }, { width: 0, height: 1 }])).toEqual([
      { row: 0, column: 0 },
      { row: 1, column: 0 },
    ]);
  });

  it('tells the components above the fold from those below', () => {
    const sizes = [
      { width: 6, height: 4 },
      { width: 6, height: 4 },
      { width: 4, height: 3 },
      { width: 4, height: 3 },
      { width: 4, height: 3 },
      { width: 12, height: 4 },
    ];
    expect(aboveTheFold(sizes, 7)).toEqual([true, true, true, true, true, false]);
  });
});
