/** Priority levels: 1 critical, 2 high, 3 medium, 4 low. Impact and urgency: 1 high, 2 medium, 3 low. */
export type Priority = 1 | 2 | 3 | 4;
export type Level = 1 | 2 | 3;

/** rows: impact H/M/L; columns: urgency H/M/L (DESIGN.md §2). */
export type PriorityMatrix = readonly [readonly [Priority, Priority, Priority], readonly [Priority, Priority, Priority], readonly [Priority, Priority, Priority]];

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 4],
];

export function priorityOf(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  return matrix[impact - 1]![urgency - 1]!;
}

/** A matrix an admin may save: 3×3 of 1..4. */
export function isValidMatrix(value: unknown): value is PriorityMatrix {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    value.every((row) => Array.isArray(row) && row.length === 3 && row.every((p) => Number.isInteger(p) && p >= 1 && p <= 4))
  );
}
