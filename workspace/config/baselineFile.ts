import { parseBaseline, type Baseline } from '../../engine/config/baseline';
import { readSettingsFile } from '../files/boundedFile';

/** Reads a baseline file (size-capped, regular files only). */
export function readBaseline(file: string): Baseline {
  return parseBaseline(readSettingsFile(file, 'baseline'), file);
}
