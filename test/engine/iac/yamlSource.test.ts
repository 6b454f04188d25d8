import * as assert from 'node:assert/strict';
import { get } from '../../../engine/iac/sourceTree';
import { documentStarts, parseYamlSource } from '../../../engine/iac/yamlSource';

describe('YAML source trees', () => {
  it('reads every document of a multi-document file with value offsets inside quotes', () => {
    const text = 'kind: A\nname: "quoted"\n---\nkind: B\nlist: [x, "y"]\n';
    const { documents, error } = parseYamlSource(text);
    assert.equal(error, undefined);
    assert.equal(documents.length, 2);
    const quoted = get(documents[0], 'name')!;
    assert.equal(text.slice(quoted.start, quoted.end), 'quoted');
    const list = get(documents[1], 'list')!;
    assert.equal(list.type, 'seq');
  });

  it('keeps CloudFormation intrinsics (tags and Fn:: maps) as unknown values', () => {
    const yaml = parseYamlSource('Resource: !GetAtt Bucket.Arn\nOther: !Sub "arn:${AWS::Partition}:s3:::x"\n').documents[0];
    assert.equal(get(yaml, 'Resource')!.type, 'expr');
    assert.equal(get(yaml, 'Other')!.type, 'expr');
    const json = parseYamlSource('{"Resource": {"Fn::GetAtt": ["Bucket", "Arn"]}, "Ref": {"Ref": "X"}}').documents[0];
    assert.equal(get(json, 'Resource')!.type, 'expr');
    assert.equal(get(json, 'Ref')!.type, 'expr');
  });

  it('never expands aliases, so an alias bomb costs nothing', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 30; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const { documents } = parseYamlSource(text);
    const last = get(documents[0], 'a29')!;
    assert.equal(last.type, 'seq');
    assert.ok((last as { items: { type: string }[] }).items.every((i) => i.type === 'expr'));
  });

  it('reports the first syntax error with its offset and keeps earlier documents', () => {
    const text = 'kind: A\n---\nkey: [unclosed\n';
    const { documents, error } = parseYamlSource(text);
    assert.equal(documents.length, 1);
    assert.ok(error && error.start >= text.indexOf('---'));
  });

  it('bounds the depth of what it converts', () => {
    const { documents } = parseYamlSource(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    assert.ok(documents.length <= 1);
  });

  it('starts a document at a `---` line only where YAML does', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\r\nc: 3\n---#x\n';
    assert.deepEqual(documentStarts(text), [0, 5, 14]);
    assert.deepEqual(documentStarts('a: 1\u2028---\u2028b'), [0], 'U+2028 is not a YAML line break');
  });

  it('an intrinsic tag with no value is read as the tag alone', () => {
    const text = 'a: 1\n--- !Ref\n---\nb: 2\n';
    const { documents, error } = parseYamlSource(text);
    assert.equal(error, undefined);
    assert.deepEqual(
      documents.map((d) => (d.type === 'expr' ? d.text : d.type)),
      ['map', '!Ref', 'map'],
    );
  });
});
