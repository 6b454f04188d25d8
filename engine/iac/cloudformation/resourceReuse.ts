/**
 * A CloudFormation template's resources kept between scans of the same file
 * (engine/iac/sectionEntryReuse.ts): a keystroke in a 5,000-line template changes one resource,
 * so only that resource is parsed again, not the whole template (the parse was most of a
 * template's re-check). The top-level keys after `Resources` (`Outputs`, …) are one more piece.
 * JSON templates, and YAML ones not in the plain block layout, are parsed whole.
 *
 * Only the parse is reused: the analysis runs on the whole template every time, as it reads
 * across resources (a policy naming a boundary elsewhere, the actions of every policy in the file),
 * and it costs little beside the parse.
 */
import { Section, SectionEntryReuse } from '../sectionEntryReuse';

const RESOURCES = new Section('Resources', true);

export class CloudFormationResourceReuse extends SectionEntryReuse {
  constructor(options: { from?: number; freeze?: boolean } = {}) {
    super(RESOURCES, options);
  }
}
