import type * as Zlib from 'node:zlib';
import { explainGitHubError, githubClient, type GitHubTarget } from './githubApi';

export interface SarifUpload {
  commitSha: string;
  ref: string;
  sarif: string;
}

/** Uploads a SARIF report to code scanning; returns the upload id GitHub processes it under. */
export async function uploadSarif(target: GitHubTarget, upload: SarifUpload): Promise<{ id: string; url?: string }> {
  const octokit = githubClient(target);
  // Loaded here, not at start-up: only an upload compresses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { gzipSync } = require('node:zlib') as typeof Zlib;
  const [owner, repo] = target.repository.split('/');
  try {
    const response = await octokit.request('POST /repos/{owner}/{repo}/code-scanning/sarifs', {
      owner,
      repo,
      commit_sha: upload.commitSha,
      ref: upload.ref,
      tool_name: 'nhi-lens',
      sarif: gzipSync(Buffer.from(upload.sarif, 'utf8')).toString('base64'),
    });
    return { id: String(response.data.id ?? ''), url: response.data.url };
  } catch (error) {
    throw explainGitHubError(error, 'uploading SARIF to code scanning', target);
  }
}
