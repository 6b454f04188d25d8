import * as assert from 'node:assert/strict';
import { toDiagnostic } from '../../server/services/diagnosticsService';
import { defaultEngine } from '../support/engineFixture';

describe('IaC diagnostics carry the rest of the statement as related information', () => {
  const text = `{
  "Statement": [
    { "Effect": "Allow", "Action": ["s3:PutObject", "sqs:SendMessage"], "Resource": "*" }
  ]
}
`;
  const [finding] = defaultEngine().scan({ path: 'policy.json', text }).findings;

  it('with the document uri, every other offending element is a related location', () => {
    const d = toDiagnostic(finding, 'file:///ws/policy.json');
    assert.equal(finding.related?.length, 1);
    assert.deepEqual(
      d.relatedInformation?.map((r) => [r.location.uri, text.slice(finding.related![0].offsets.start, finding.related![0].offsets.end)]),
      [['file:///ws/policy.json', 'sqs:SendMessage']],
    );
    assert.match(d.relatedInformation![0].message, /sqs:SendMessage/);
  });

  it('without a uri, or without related elements, there is none', () => {
    assert.equal(toDiagnostic(finding).relatedInformation, undefined);
    const single = defaultEngine().scan({ path: 'p.json', text: text.replace(', "sqs:SendMessage"', '') }).findings[0];
    assert.equal(toDiagnostic(single, 'file:///ws/p.json').relatedInformation, undefined);
  });
});
