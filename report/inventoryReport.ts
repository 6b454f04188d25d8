import { IDENTITY_KIND_LABEL, inventoryGitNote, type Identity } from '../engine';
import { inventoryTable } from './markdownReport';
import { plural } from './reportModel';
import { joinChunks, jsonChunks, StreamedArray, type ReportChunks } from './reportStream';

/** `nhi-lens inventory --format json`: the identities with their linked findings' fingerprints. */
export function renderInventoryJson(identities: Identity[], toolVersion: string): string {
  return joinChunks(inventoryJsonChunks(identities, toolVersion));
}

/** The JSON inventory one identity at a time, for writing as a stream. */
export function* inventoryJsonChunks(identities: Identity[], toolVersion: string): ReportChunks {
  yield* jsonChunks({ tool: { name: 'nhi-lens', version: toolVersion }, identities: new StreamedArray(identities) });
  yield '\n';
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with `'`. */
export function renderInventoryCsv(identities: Identity[]): string {
  return joinChunks(inventoryCsvChunks(identities));
}

/** The CSV inventory one row at a time, for writing as a stream. */
export function* inventoryCsvChunks(identities: Identity[]): ReportChunks {
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ['kind', 'name', 'provider', 'path', 'line', 'owner', 'owner_source', 'breadth', 'credential', 'findings', 'git'];
  yield header.join(',') + '\r\n';
  for (const i of identities)
    yield (
      [
        i.kind,
        i.name,
        i.provider,
        i.path,
        i.range.start.line + 1,
        i.owner ?? '',
        i.ownerSource,
        i.breadth,
        i.credential,
        i.findings.length,
        inventoryGitNote(i.git),
      ]
        .map(cell)
        .join(',') + '\r\n'
    );
}

export function renderInventoryMarkdown(identities: Identity[]): string {
  const byKind = new Map<string, number>();
  for (const i of identities) byKind.set(IDENTITY_KIND_LABEL[i.kind], (byKind.get(IDENTITY_KIND_LABEL[i.kind]) ?? 0) + 1);
  const unowned = identities.filter((i) => !i.owner).length;
  const out = [
    '# NHI inventory',
    '',
    `${plural(identities.length, 'identity').replace('identitys', 'identities')}, ${unowned} without an owner, ${identities.filter((i) => i.breadth === 'admin').length} with admin rights, ${identities.filter((i) => i.credential === 'static').length} with static credentials.`,
    '',
  ];
  out.push(
    `${[...byKind]
      .sort()
      .map(([k, n]) => `${k}: ${n}`)
      .join(' · ')}`,
    '',
  );
  if (identities.length) out.push(...inventoryTable(identities), '');
  return out.join('\n');
}
