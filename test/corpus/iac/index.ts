/** The labelled IaC corpus: documents with labelled regions, and how to score a scanner on them. */
import { awsPolicyDocuments } from './awsPolicies';
import { heldOutDocuments } from './heldOut';
import { heldOutMissDocuments } from './heldOutMisses';
import { infraCodeDocuments } from './infraCode';
import { heldOut3MissDocuments } from './heldOut3Misses';
import { kubernetesDocuments } from './kubernetes';
import { resetRegions, type IacDocument } from './labels';
import { otherDocuments } from './otherClouds';
import { permissionsBoundaryDocuments } from './permissionsBoundaries';

export function buildIacCorpus(): IacDocument[] {
  resetRegions();
  const docs = [
    ...awsPolicyDocuments(),
    ...kubernetesDocuments(),
    ...otherDocuments(),
    ...heldOutDocuments(),
    ...heldOutMissDocuments(),
    ...permissionsBoundaryDocuments(),
    ...infraCodeDocuments(),
    ...heldOut3MissDocuments(),
  ];
  resetRegions();
  return docs;
}

export type { IacDocument, IacLabel, LabelAt } from './labels';
export { corpusModuleFiles } from './moduleFiles';
export { formatIacScore, iacFalseAlarmRate, iacPrecision, iacRecall, scoreIacCorpus, type IacScore } from './score';
