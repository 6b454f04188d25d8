import * as assert from 'node:assert/strict';
import {
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  DiagnosticSeverity,
  DocumentDiagnosticRequest,
  WorkspaceDiagnosticRequest,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import {
  capProblems,
  DEFAULT_MAX_PROBLEMS_PER_FILE,
  MAX_PROBLEMS_PER_FILE,
  problemCapOf,
  WITHHELD_CODE,
} from '../../server/services/problemCap';
import { AuditWorkspaceRequest } from '../../protocol/nhiLensProtocol';
import { Rng } from '../support/seededRandom';
import { LspSession } from './lspHarness';

const at = (line: number, severity: DiagnosticSeverity): Diagnostic => ({
  range: { start: { line, character: 2 }, end: { line, character: 9 } },
  severity,
  source: 'nhi-lens',
  message: `finding on line ${line}`,
});

describe('server: problems per file capped (problemCap)', () => {
  it('leaves a list within the cap as it is', () => {
    const list = [at(3, DiagnosticSeverity.Warning), at(1, DiagnosticSeverity.Error)];
    assert.equal(capProblems(list, 2), list);
  });

  it('keeps the most severe, first lines first, and says how many were withheld', () => {
    const list = [
      at(0, DiagnosticSeverity.Information),
      at(9, DiagnosticSeverity.Warning),
      at(7, DiagnosticSeverity.Error),
      at(2, DiagnosticSeverity.Warning),
      at(8, DiagnosticSeverity.Error),
      at(1, DiagnosticSeverity.Warning),
    ];
    const capped = capProblems(list, 4);
    assert.equal(capped.length, 5);
    assert.deepEqual(
      capped.slice(0, 4).map((d) => [d.severity, d.range.start.line]),
      [
        [DiagnosticSeverity.Error, 7],
        [DiagnosticSeverity.Error, 8],
        [DiagnosticSeverity.Warning, 1],
        [DiagnosticSeverity.Warning, 2],
      ],
    );
    const summary = capped[4];
    assert.equal(summary.code, WITHHELD_CODE);
    assert.equal(summary.severity, DiagnosticSeverity.Information);
    assert.match(summary.message, /2 more problems in this file are not listed \(6 in all/);
    assert.match(summary.message, /Audit Workspace/);
  });

  it('reads the setting as a whole number from 1 to the hard maximum, else the default', () => {
    assert.equal(problemCapOf(undefined), DEFAULT_MAX_PROBLEMS_PER_FILE);
    assert.equal(problemCapOf('50'), DEFAULT_MAX_PROBLEMS_PER_FILE);
    assert.equal(problemCapOf(Number.NaN), DEFAULT_MAX_PROBLEMS_PER_FILE);
    assert.equal(problemCapOf(20.7), 20);
    assert.equal(problemCapOf(0), 1);
    assert.equal(problemCapOf(-5), 1);
    assert.equal(problemCapOf(1e9), MAX_PROBLEMS_PER_FILE);
  });
});

/**
 * A file of `warnings` Slack tokens (made warnings by the workspace config) on its first lines,
 * then `errors` AWS access key ids: every value made at run time from a seed.
 */
function floodedFile(warnings: number, errors: number): string {
  const rng = new Rng(14);
  const lines: string[] = [];
  for (let i = 0; i < warnings; i++) lines.push(`SLACK_${i} = "${rng.format('xoxb-{d:10}-{d:13}-{an:24}')}"`);
  for (let i = 0; i < errors; i++) lines.push(`AWS_${i} = "${rng.format('AKIA{b32:16}')}"`);
  return lines.join('\n') + '\n';
}

const CONFIG = { '.nhi-lens.yaml': 'overrides:\n  slack-bot-token: { severity: warning }\n' };
const withheld = (items: Diagnostic[]) => items.filter((d) => d.code === WITHHELD_CODE);

describe('language server: the Problems panel gets at most nhiLens.maxProblemsPerFile per file', function () {
  this.timeout(120_000);

  it('push: 15 warnings then 15 errors with a cap of 10 publish the 10 errors and one summary; the cap follows the setting', async () => {
    const s = await LspSession.start({ workspace: { configuration: true } }, CONFIG, { settings: { maxProblemsPerFile: 10 } });
    try {
      const uri = s.uri('flood.py');
      await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'python', version: 1, text: floodedFile(15, 15) },
      });
      // The first publish may come before the server has read its settings: wait for the capped one.
      const { diagnostics } = await s.until('a capped publish', () =>
        s.published.find((p) => p.uri === uri && withheld(p.diagnostics).length > 0),
      );
      assert.equal(diagnostics.length, 11);
      const findings = diagnostics.filter((d) => d.code !== WITHHELD_CODE);
      assert.ok(
        findings.every((d) => d.severity === DiagnosticSeverity.Error),
        'errors before warnings',
      );
      assert.deepEqual(
        findings.map((d) => d.range.start.line),
        [15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
      );
      assert.equal(withheld(diagnostics).length, 1);
      assert.match(withheld(diagnostics)[0].message, /20 more problems in this file are not listed \(30 in all/);

      // Raised: everything is published, and no summary.
      const before = s.published.length;
      s.settings = { ...s.settings, maxProblemsPerFile: 100 };
      await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
      const all = await s.until('diagnostics after the setting changed', () => s.published.slice(before).find((p) => p.uri === uri));
      assert.equal(all.diagnostics.length, 30);
      assert.equal(withheld(all.diagnostics).length, 0);
    } finally {
      await s.stop();
    }
  });

  it("push: a workspace audit's diagnostics of a file not open are capped the same way", async () => {
    const s = await LspSession.start(
      { workspace: { configuration: true } },
      { ...CONFIG, 'flood.py': floodedFile(15, 15) },
      { settings: { maxProblemsPerFile: 10 } },
    );
    try {
      // The setting is read after `initialized`: the audit must come after it (the server asks once).
      await s.until('settings read', () => s.configurationRequests > 0);
      const uri = s.uri('flood.py');
      await s.connection.sendRequest(AuditWorkspaceRequest.type, {});
      const { diagnostics } = await s.until("the audit's diagnostics", () => s.published.find((p) => p.uri === uri));
      assert.equal(diagnostics.length, 11);
      assert.match(withheld(diagnostics)[0].message, /20 more problems/);
    } finally {
      await s.stop();
    }
  });

  it("pull: the audit's diagnostics of a file not open are capped in the workspace pull, and re-sent whole when the cap is raised", async () => {
    const s = await LspSession.start(
      { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true } },
      { ...CONFIG, 'flood.py': floodedFile(15, 15) },
      { settings: { maxProblemsPerFile: 10 } },
    );
    try {
      await s.until('settings read', () => s.configurationRequests > 0);
      const uri = s.uri('flood.py');
      await s.connection.sendRequest(AuditWorkspaceRequest.type, {});
      const first = await s.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      const capped = first.items.find((i) => i.uri === uri);
      assert.ok(capped && capped.kind === 'full');
      assert.equal(capped.items.length, 11);
      assert.match(withheld(capped.items)[0].message, /20 more problems/);

      s.settings = { ...s.settings, maxProblemsPerFile: 100 };
      await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
      await s.until('settings read again', () => s.configurationRequests >= 2);
      const refreshed = s.refreshes;
      await s.until('a refresh after the new settings', () => s.refreshes > refreshed);
      const second = await s.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
        previousResultIds: [{ uri, value: capped.resultId! }],
      });
      const whole = second.items.find((i) => i.uri === uri);
      assert.ok(whole && whole.kind === 'full', 'not "unchanged": the cap moved');
      assert.equal(whole.items.length, 30);
    } finally {
      await s.stop();
    }
  });

  it('pull: the default cap of 500 holds for a file of 620 findings, the summary counts the rest, and a raised setting re-sends all', async () => {
    const s = await LspSession.start(
      { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true } },
      CONFIG,
    );
    try {
      const uri = s.uri('many.py');
      await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'python', version: 1, text: floodedFile(20, 600) },
      });
      const report = (await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri },
      })) as DocumentDiagnosticReport & {
        items: Diagnostic[];
      };
      assert.equal(report.items.length, DEFAULT_MAX_PROBLEMS_PER_FILE + 1);
      assert.ok(report.items.slice(0, DEFAULT_MAX_PROBLEMS_PER_FILE).every((d) => d.severity === DiagnosticSeverity.Error));
      assert.match(withheld(report.items)[0].message, /120 more problems in this file are not listed \(620 in all/);

      // Raised to 700: the text did not change, but the result did; a re-pull must not hear "unchanged".
      await s.until('settings read', () => s.configurationRequests >= 1);
      s.settings = { ...s.settings, maxProblemsPerFile: 700 };
      await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
      await s.until('settings read again', () => s.configurationRequests >= 2);
      const refreshed = s.refreshes;
      await s.until('a refresh after the new settings', () => s.refreshes > refreshed);
      const again = (await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri },
        previousResultId: report.resultId,
      })) as DocumentDiagnosticReport & { items?: Diagnostic[] };
      assert.equal(again.kind, 'full');
      assert.equal(again.items?.length, 620);
      assert.equal(withheld(again.items ?? []).length, 0);
    } finally {
      await s.stop();
    }
  });
});
