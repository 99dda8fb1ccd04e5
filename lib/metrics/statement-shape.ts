/**
 * The shape of a SQL statement: its text with literals and parameter lists folded, so that
 * `WHERE id = $1` run for ten different ids counts as one shape run ten times (an N+1).
 */
export function statementShape(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, '?') // string literals
    .replace(/\$\d+/g, '?') // bind parameters
    .replace(/\b\d+(?:\.\d+)?\b/g, '?') // numbers
    .replace(/\(\s*\?(?:\s*,\s*\?)*\s*\)/g, '(?…)') // IN lists of any length
    .replace(/\s+/g, ' ')
    .trim();
}

/** Transaction control repeats legitimately and is not a query of its own. */
export function isTransactionControl(sql: string): boolean {
  return /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET TRANSACTION|DEALLOCATE)\b/i.test(sql);
}
