import * as path from 'node:path';
import { CODEOWNERS_LOCATIONS, CodeOwners } from '../engine/inventory/codeOwners';
import { readSettingsFile } from './files/boundedFile';

/** The workspace's CODEOWNERS, parsed; undefined when it has none or it cannot be read. */
export function readCodeOwners(root: string): CodeOwners | undefined {
  for (const location of CODEOWNERS_LOCATIONS) {
    try {
      return new CodeOwners(readSettingsFile(path.join(root, location), 'CODEOWNERS'));
    } catch {
      // not there (or unreadable): try the next location
    }
  }
  return undefined;
}
