/**
 * A GitHub workflow's jobs kept between scans of the same file (engine/iac/sectionEntryReuse.ts):
 * a keystroke changes one job, so only that job is parsed again. Nothing may follow `jobs:` at
 * the top level (a workflow with keys after its jobs is parsed whole).
 */
import { Section, SectionEntryReuse, sectionLayout } from './sectionEntryReuse';

const JOBS = new Section('jobs', false);

export class WorkflowJobReuse extends SectionEntryReuse {
  constructor(options: { from?: number; freeze?: boolean } = {}) {
    super(JOBS, options);
  }
}

/** Where the header ends and each job starts, the jobs' indentation and where the `jobs` key is; undefined unless the plain layout. */
export function jobsLayout(text: string): { jobsKey: number; indent: number; starts: number[] } | undefined {
  const layout = sectionLayout(text, JOBS);
  return layout && { jobsKey: layout.keyAt, indent: layout.indent, starts: layout.starts };
}
