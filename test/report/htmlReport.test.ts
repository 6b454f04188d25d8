import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { REPO, copyOfExampleWorkspace, runCli } from '../cli/cliHarness';

const CHROMIUM = process.env.NHI_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO, 'test-artifacts');

describe('nhi-lens audit --format html, in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let html = '';
  let file = '';
  let ws = '';

  before(async function () {
    ws = fs.realpathSync(copyOfExampleWorkspace());
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-html-')), 'report.html');
    const run = runCli(
      ['audit', '.', '--format', 'html', '--output', file, '--sarif', 'report.sarif', '--fail-on', 'never', '--no-git'],
      ws,
    );
    assert.equal(run.code, 0, run.stderr);
    html = fs.readFileSync(file, 'utf8');
    assert.ok(fs.existsSync(path.join(ws, 'report.sarif')), '--sarif writes SARIF alongside');
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.NHI_REQUIRE_CODE_SERVER) throw new Error(`missing ${CHROMIUM} (apt-get install chromium)`);
      this.skip();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
  });

  it('is self-contained: no external scripts, styles, images or fonts', () => {
    assert.doesNotMatch(html, /<(?:script|link|img)[^>]+(?:src|href)=["']?https?:/i);
    assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;/);
  });

  it('never contains a full secret value, only the masked form', () => {
    for (const secret of ['sk_live_', 'xoxb-', 'ghp_']) {
      for (const m of html.matchAll(new RegExp(`${secret}[\\w-]{8,}`, 'g')))
        assert.fail(`unmasked value in the HTML report: ${m[0].slice(0, 8)}…`);
    }
  });

  it('renders the summary, top offenders, findings with links and the inventory, and the filter works', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(file).href);
    assert.equal(await page.title(), 'NHI Lens audit');
    const cards = await page.locator('#summary .card').allInnerTexts();
    const json = JSON.parse(
      runCli(['audit', '.', '--format', 'json', '--fail-on', 'never', '--no-git'], path.join(REPO, 'examples', 'workspace')).stdout,
    ) as { summary: { total: number; bySeverity: { error: number } } };
    assert.ok(
      cards.some((c) => c.replace(/\s+/g, ' ').startsWith(`${json.summary.total} findings`)),
      cards.join(' | '),
    );
    assert.ok(
      cards.some((c) => c.replace(/\s+/g, ' ').startsWith(`${json.summary.bySeverity.error} errors`)),
      cards.join(' | '),
    );
    const rows = page.locator('#findings tbody tr');
    assert.equal(await rows.count(), json.summary.total);
    assert.ok((await page.locator('#inventory tbody tr').count()) > 10);
    const href = await page.locator('a[data-path="src/billing.ts"]').first().getAttribute('href');
    assert.equal(
      fileURLToPath(new URL(href!, pathToFileURL(file))),
      path.join(ws, 'src', 'billing.ts'),
      'location links open the file from where the report is written',
    );
    assert.ok((await page.locator('#findings a[href*="docs/rules.md#"]').count()) >= json.summary.total);
    await page.fill('#filter', 'billing.ts');
    const visible = await rows.evaluateAll((trs) => trs.filter((tr) => !(tr as unknown as { hidden: boolean }).hidden).length);
    assert.ok(visible >= 1 && visible < json.summary.total, `filter left ${visible} rows`);
    await page.fill('#filter', '');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-report.png'), fullPage: true });
    assert.deepEqual(errors, [], 'no script or CSP errors');
    await page.close();
  });
});
