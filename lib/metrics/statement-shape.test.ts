import { describe, expect, it } from 'vitest';
import { isTransactionControl, statementShape } from './statement-shape';

describe('statementShape', () => {
  it('folds parameters, literals and IN lists so repeated lookups share a shape', () => {
    const a = statementShape('SELECT "id" FROM "users" WHERE "id" = $1 AND role = \'admin\' LIMIT $2 OFFSET 0');
    const b = statementShape('SELECT "id"  FROM "users"\n WHERE "id" = $7 AND role = \'user\' LIMIT $8 OFFSET 10');
    expect(a).toBe(b);
    expect(statementShape('SELECT * FROM t WHERE id IN ($1,$2,$3)')).toBe(statementShape('SELECT * FROM t WHERE id IN ($1)'));
  });

  it('keeps different queries apart', () => {
    expect(statementShape('SELECT * FROM users WHERE id = $1')).not.toBe(statementShape('SELECT * FROM sessions WHERE id = $1'));
  });

  it('recognises transaction control', () => {
    expect(isTransactionControl('BEGIN')).toBe(true);
    expect(isTransactionControl('  commit')).toBe(true);
    expect(isTransactionControl('SELECT 1')).toBe(false);
  });
});
