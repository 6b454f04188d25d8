import * as assert from 'node:assert/strict';
import type { Finding } from '../../engine';
import { renderHtml } from '../../report/htmlReport';
import { renderMarkdown } from '../../report/markdownReport';
import { reportOf } from '../../report/reportModel';
import { applyGitAdvice } from '../../workspace/git/secretHistory';
import { noOmittedFindings } from '../../workspace/scan/retainedFindings';
import { defaultEngine } from '../support/engineFixture';

/** 412 days after the commit: the reports' "days ago" is computed against this. */
const NOW = Date.parse('2027-04-20T10:00:00Z');

describe('git advice in reports', () => {
  /** One committed secret, annotated the way an audit annotates it. */
  function committedReport() {
    const engine = defaultEngine();
    const token = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
    const findings: Finding[] = engine.scan({ path: 'notify.py', text: `SLACK_TOKEN = "${token}"\n` }).findings;
    assert.equal(findings.length, 1);
    findings[0].git = {
      state: 'committed',
      commit: 'a1b2c3d4e5f6a7b8',
      date: '2026-03-04T10:00:00Z',
      author: 'Dev',
      pushed: true,
      commitsSince: 3,
    };
    applyGitAdvice(findings, NOW);
    const run = {
      findings,
      baselined: 0,
      omitted: noOmittedFindings(),
      maxFindings: Infinity,
      identities: [],
      skipped: [],
      filesScanned: 1,
      bytesScanned: 1,
      suppressed: 0,
      cancelled: false,
      durationMs: 1,
    };
    return reportOf(run, '/tmp/ws', engine.rules);
  }
  const count = (text: string, needle: string) => text.split(needle).length - 1;

  it('the HTML report says "rotate" once per finding: in the message, not again in a note', () => {
    const html = renderHtml(committedReport());
    assert.equal(count(html, 'already in git history (commit a1b2c3d4e5f6'), 1);
    assert.equal(count(html, '2026-03-04: 412 days ago by Dev, pushed, 3 commits since'), 1);
    assert.equal(count(html, '<span class="badge live">pushed</span>'), 1);
    assert.equal(count(html, 'in history since a1b2c3d4e5f6'), 0);
  });

  it('the Markdown report, which has no message column, states it in its git column', () => {
    const md = renderMarkdown(committedReport());
    assert.equal(count(md, 'in history since a1b2c3d4e5f6 (2026-03-04, '), 1);
    assert.match(md, /in history since a1b2c3d4e5f6 \(2026-03-04, \d+ days ago by Dev, pushed, 3 commits since\): rotate/);
  });
});
