import type { AuditedFolder } from '../protocol/nhiLensProtocol';

/**
 * The file a path in the report webview points at: in a report over several folders the path
 * starts with the folder's name (`api/src/app.py`); over one folder it is relative to that folder.
 * Undefined when no audited folder matches or the path tries to leave its folder.
 */
export function reportPathTarget(reportPath: string, folders: AuditedFolder[]): { folderUri: string; path: string } | undefined {
  if (reportPath.split('/').includes('..')) return undefined;
  if (folders.length === 1) return { folderUri: folders[0].uri, path: reportPath };
  // Names may contain `/`: the longest name that prefixes the path is the folder.
  const folder = folders.filter((f) => reportPath.startsWith(`${f.name}/`)).sort((a, b) => b.name.length - a.name.length)[0];
  return folder && { folderUri: folder.uri, path: reportPath.slice(folder.name.length + 1) };
}
