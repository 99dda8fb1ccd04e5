import { FOLD_ROWS, GRID_COLUMNS } from './types';

/**
 * Where CSS grid puts each component of a dashboard (12 columns, `grid-auto-flow: row`, no
 * dense packing: the visual order is the document's, which keyboard users follow): the same
 * auto-placement, done on the server so that the page knows which components are above the
 * fold before the browser has laid anything out.
 */
export interface Placed {
  row: number;
  column: number;
}

export function placeComponents(sizes: readonly { width: number; height: number }[], columns = GRID_COLUMNS): Placed[] {
  const taken: boolean[][] = [];
  const free = (row: number, column: number, width: number, height: number) => {
    for (let r = row; r < row + height; r++) for (let c = column; c < column + width; c++) if (taken[r]?.[c]) return false;
    return true;
  };
  // The auto-placement cursor: sparse packing never goes back before it.
  let cursorRow = 0;
  let cursorColumn = 0;
  return sizes.map(({ width: w, height }) => {
    const width = Math.min(Math.max(1, w), columns);
    let row = cursorRow;
    let column = cursorColumn;
    for (;;) {
      if (column + width > columns) {
        row += 1;
        column = 0;
        continue;
      }
      if (free(row, column, width, height)) break;
      column += 1;
    }
    for (let r = row; r < row + height; r++) {
      taken[r] ??= [];
      for (let c = column; c < column + width; c++) taken[r]![c] = true;
    }
    cursorRow = row;
    cursorColumn = column + width;
    return { row, column };
  });
}

/** Which components start in the first FOLD_ROWS rows: they are rendered with the page; the others when they near the viewport. */
export function aboveTheFold(sizes: readonly { width: number; height: number }[], foldRows = FOLD_ROWS): boolean[] {
  return placeComponents(sizes).map((placed) => placed.row < foldRows);
}
