import * as assert from 'node:assert/strict';
import { OutputMask } from '../../engine/secrets/outputMasking';
import { defaultEngine } from '../support/engineFixture';

// Fake credentials in real formats, assembled at run time.
const AWS_KEY_ID = ['AKIA', 'Q3EGRT5Y', 'NHJ7UWPX'].join('');
const STRIPE_RESTRICTED = ['rk_live', '51Hx9QmT2kLpV8nR4cWz7yBd'].join('_');
// The rule pack's own example token: its checksum is valid, so the engine treats it as real.
const GITHUB_PAT = ['ghp', 'yhxSRXGeq3de9UouAUV9YGjnZhrWK842qOuj'].join('_');
const SLACK_BOT = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
const ALL = [AWS_KEY_ID, STRIPE_RESTRICTED, GITHUB_PAT, SLACK_BOT];

/** Broken files of every structured kind, each with a secret where its parser will complain. */
const BROKEN: Array<{ path: string; text: string }> = [
  // HCL: a bare token on a line ("expected an attribute or a block, found …").
  { path: 'infra/main.tf', text: `${AWS_KEY_ID}\n` },
  { path: 'infra/keys.tf', text: `resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n${GITHUB_PAT} {\n` },
  { path: 'infra/open.tf', text: `locals {\n  token = "${SLACK_BOT}"\n  broken = ${STRIPE_RESTRICTED}\n` },
  // YAML: a secret in a tag name, and an unclosed flow mapping in a Kubernetes manifest.
  { path: 'k8s/secret.yaml', text: `apiVersion: v1\nkind: Secret\ndata:\n  key: !${STRIPE_RESTRICTED} x\n` },
  { path: 'k8s/deploy.yaml', text: `apiVersion: apps/v1\nkind: Deployment\nspec: {token: ${GITHUB_PAT}\n` },
  { path: '.github/workflows/ci.yml', text: `on: push\njobs:\n  build: [${SLACK_BOT}\n` },
  // JSON CloudFormation with a syntax error right after the secret.
  { path: 'cfn/stack.json', text: `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"K": "${AWS_KEY_ID}" "x"}}` },
  // A secret used as the key of another secret.
  { path: 'config/tokens.py', text: `TOKENS = {"${AWS_KEY_ID}": "${GITHUB_PAT}"}\n` },
  { path: '.env', text: `${GITHUB_PAT}=${STRIPE_RESTRICTED}\n` },
  { path: 'config/map.yaml', text: `${SLACK_BOT}: ${GITHUB_PAT}\n` },
  // A key name holding the first 20 characters of a secret and more (engine fuzz, seed 1).
  { path: '.env', text: `${GITHUB_PAT.slice(0, 20)}API_TOKEN=${GITHUB_PAT}\n` },
  { path: 'ci.yml', text: `${STRIPE_RESTRICTED.slice(0, 18)}_management_token: ${STRIPE_RESTRICTED}\n` },
];

describe('no secret value leaves the engine, whatever quotes it', () => {
  it('the output mask hides whole values and quoted pieces of them, and leaves other text alone', () => {
    const mask = new OutputMask([GITHUB_PAT]);
    assert.equal(mask.apply('plain message'), 'plain message');
    const whole = mask.apply(`found "${GITHUB_PAT}" here`);
    assert.ok(!whole.includes(GITHUB_PAT) && whole.includes('ghp_…'));
    const piece = mask.apply(`found "${GITHUB_PAT.slice(0, 20)}"`);
    assert.ok(!piece.includes(GITHUB_PAT.slice(0, 20)), piece);
    assert.equal(mask.apply('expected "{" to open block "resource"'), 'expected "{" to open block "resource"');
    // Found by the engine fuzz: a name glued from a secret's first characters and other text.
    const glued = mask.apply(`in "${GITHUB_PAT.slice(0, 20)}_backup_token"`);
    assert.ok(!glued.includes(GITHUB_PAT.slice(0, 12)) && !glued.includes(GITHUB_PAT.slice(8, 20)), glued);
    assert.equal(
      mask.apply(`in "${GITHUB_PAT.slice(0, 11)}_backup_token"`),
      `in "${GITHUB_PAT.slice(0, 11)}_backup_token"`,
      'a short shared piece stays',
    );
  });

  for (const file of BROKEN) {
    it(`${file.path}: findings, messages and skip reasons never carry a planted value`, () => {
      const result = defaultEngine().scan(file, { inventory: true });
      const planted = ALL.filter((v) => file.text.includes(v));
      assert.ok(
        result.findings.some((f) => f.category === 'secret'),
        'the secret is still found',
      );
      const out = JSON.stringify({ ...result, findings: result.findings.map(({ offsets: _o, ...f }) => f) });
      for (const value of planted) {
        assert.ok(!out.includes(value), `${file.path}: full value in the output`);
        assert.ok(!out.includes(value.slice(0, 16)), `${file.path}: the first 16 characters of a value in the output`);
      }
    });
  }

  it('a text masked again in the same scan is masked as the first time; one that differs is masked as itself', () => {
    const mask = new OutputMask(ALL);
    const texts = [
      `token ${SLACK_BOT} found`,
      `token ${SLACK_BOT} found`,
      `token ${SLACK_BOT.slice(0, 20)} found`,
      `key ${AWS_KEY_ID}`,
      `key ${AWS_KEY_ID}`,
      `id: ${AWS_KEY_ID}`,
      'nothing secret here at all',
      `token ${SLACK_BOT} found`,
    ];
    const once = texts.map((t) => new OutputMask(ALL).apply(t));
    assert.deepEqual(
      texts.map((t) => mask.apply(t)),
      once,
    );
    for (const out of once.slice(0, 6)) assert.ok(!ALL.some((v) => out.includes(v.slice(0, 12))), out);
  });

  it('parse errors are still reported, with the secret masked in the reason', () => {
    const result = defaultEngine().scan(BROKEN[0]);
    assert.equal(result.skipped.length, 1);
    assert.match(result.skipped[0].reason, /AK…PX/);
  });
});
