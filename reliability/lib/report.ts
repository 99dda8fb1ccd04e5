/** The suite's findings: each check with its figure and its bound, and free-form tables. */
export interface Check {
  section: string;
  what: string;
  figure: string;
  bound: string;
  ok: boolean;
}

export class Report {
  readonly checks: Check[] = [];
  readonly tables: { title: string; header: string[]; rows: string[][] }[] = [];
  readonly notes: string[] = [];

  check(section: string, what: string, figure: string, bound: string, ok: boolean): boolean {
    this.checks.push({ section, what, figure, bound, ok });
    console.log(`${ok ? '  ✅' : '  ❌'} [${section}] ${what}: ${figure} (bound: ${bound})`);
    return ok;
  }

  table(title: string, header: string[], rows: string[][]) {
    this.tables.push({ title, header, rows });
  }

  note(line: string) {
    this.notes.push(line);
    console.log(`  · ${line}`);
  }

  get failed(): Check[] {
    return this.checks.filter((c) => !c.ok);
  }

  markdown(context: string[]): string {
    const lines: string[] = ['# Reliability suite', '', ...context.map((line) => `- ${line}`), ''];
    lines.push('| section | check | measured | bound | |', '|---|---|---|---|---|');
    for (const c of this.checks) lines.push(`| ${c.section} | ${c.what} | ${c.figure} | ${c.bound} | ${c.ok ? '✅' : '❌'} |`);
    for (const table of this.tables) {
      lines.push('', `**${table.title}**`, '', `| ${table.header.join(' | ')} |`, `|${table.header.map(() => '---').join('|')}|`);
      for (const row of table.rows) lines.push(`| ${row.join(' | ')} |`);
    }
    if (this.notes.length) lines.push('', ...this.notes.map((note) => `- ${note}`));
    return `${lines.join('\n')}\n`;
  }
}

export const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : '–');
