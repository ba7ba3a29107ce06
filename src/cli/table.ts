/**
 * `--table`: a report as two aligned columns, one line per leaf value, keys as paths
 * (`gate.tokens[0].signature.valid`). Plain text, so it reads in a terminal and greps well.
 */

function leaves(value: unknown, path: string, out: [string, string][]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push([path, '(none)']);
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.push([path, '(none)']);
    for (const [k, v] of entries) leaves(v, path ? `${path}.${k}` : k, out);
  } else {
    out.push([path, value === null || value === undefined ? '-' : String(value)]);
  }
}

export function formatTable(report: unknown): string {
  const rows: [string, string][] = [];
  leaves(report, '', rows);
  const width = Math.min(56, Math.max(...rows.map(([k]) => k.length)));
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}
