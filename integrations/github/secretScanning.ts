import type { Finding } from '../../engine';
import { repoPrefixOf } from '../../workspace/git/secretHistory';
import type { AlertLocation, Report, SecretAlert } from '../../report/reportModel';
import { explainGitHubError, GitHubError, githubClient, type GitHubTarget } from './githubApi';

export type { AlertLocation, SecretAlert };

interface RawLocation {
  type?: string;
  details?: { path?: string; start_line?: number };
}
interface RawAlert {
  number: number;
  secret_type?: string;
  secret_type_display_name?: string;
  html_url?: string;
  first_location_detected?: RawLocation['details'] | null;
  has_more_locations?: boolean;
}

function fileLocation(loc: RawLocation): AlertLocation[] {
  return loc.type === 'commit' && loc.details?.path && loc.details.start_line
    ? [{ path: loc.details.path, line: loc.details.start_line }]
    : [];
}

/**
 * Every open secret-scanning alert of the repository, paged. `hide_secret` keeps the secret
 * values out of the response: alerts are matched to local findings by location.
 */
export async function fetchOpenAlerts(target: GitHubTarget): Promise<SecretAlert[]> {
  const octokit = githubClient(target);
  const [owner, repo] = target.repository.split('/');
  try {
    const raw = (await octokit.paginate('GET /repos/{owner}/{repo}/secret-scanning/alerts', {
      owner,
      repo,
      state: 'open',
      per_page: 100,
      hide_secret: true,
    })) as RawAlert[];
    const alerts: SecretAlert[] = [];
    for (const a of raw) {
      let locations: AlertLocation[];
      if (a.first_location_detected?.path && a.first_location_detected.start_line && a.has_more_locations === false) {
        locations = [{ path: a.first_location_detected.path, line: a.first_location_detected.start_line }];
      } else {
        // Older servers (GHES) do not say where in the list: ask per alert.
        const locs = (await octokit.paginate('GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations', {
          owner,
          repo,
          alert_number: a.number,
          per_page: 100,
        })) as RawLocation[];
        locations = locs.flatMap(fileLocation);
      }
      alerts.push({
        number: a.number,
        secretType: a.secret_type_display_name ?? a.secret_type ?? 'secret',
        url: a.html_url ?? '',
        locations,
      });
    }
    return alerts;
  } catch (error) {
    throw explainGitHubError(error, 'fetching secret-scanning alerts', target);
  }
}

/**
 * Marks each local secret finding GitHub already alerted on (same file and line); the rest of
 * the alerts are returned: secrets GitHub knows of that are no longer where it saw them.
 */
export function mergeAlerts(findings: Finding[], alerts: SecretAlert[], pathPrefix = ''): SecretAlert[] {
  const byLocation = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.category !== 'secret') continue;
    const key = `${pathPrefix}${f.path.replace(/\\/g, '/')}:${f.range.start.line + 1}`;
    const list = byLocation.get(key);
    if (list) list.push(f);
    else byLocation.set(key, [f]);
  }
  const unmatched: SecretAlert[] = [];
  for (const alert of alerts) {
    const matched = alert.locations.flatMap((l) => byLocation.get(`${l.path}:${l.line}`) ?? []);
    for (const f of matched) if (!f.github) f.github = { alert: alert.number, url: alert.url };
    if (!matched.length) unmatched.push(alert);
  }
  return unmatched;
}

/**
 * Fetches the open alerts and merges them into the report (the CLI's `--github`, the editor's
 * GitHub audit). A failure becomes a note on the report; the local audit always stands.
 * Returns how many alerts there were and how many matched a finding, or undefined on failure.
 */
export async function addGitHubAlerts(report: Report, target: GitHubTarget): Promise<{ alerts: number; matched: number } | undefined> {
  try {
    const alerts = await fetchOpenAlerts(target);
    report.githubAlerts = mergeAlerts(report.findings, alerts, repoPrefixOf(report.root));
    for (const f of report.findings) if (f.github) f.message = `${f.message} (GitHub already alerted: #${f.github.alert})`;
    return { alerts: alerts.length, matched: alerts.length - report.githubAlerts.length };
  } catch (error) {
    report.notes.push(error instanceof GitHubError ? error.message : `GitHub secret-scanning check failed: ${(error as Error).message}`);
    return undefined;
  }
}
