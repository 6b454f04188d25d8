import * as assert from 'node:assert/strict';
import { defaultEngine, builtinRules } from '../support/engineFixture';

/** One assignment of `value` to a secret-looking name, in the syntax of each file kind. */
export const CONTEXTS: { label: string; path: string; render: (value: string) => string }[] = [
  { label: 'JavaScript', path: 'src/client.js', render: (v) => `const serviceToken = "${v}";` },
  { label: 'TypeScript', path: 'src/client.ts', render: (v) => `export const serviceToken: string = '${v}';` },
  { label: 'Python', path: 'app/settings.py', render: (v) => `SERVICE_TOKEN = "${v}"` },
  { label: 'Python keyword argument', path: 'app/main.py', render: (v) => `client = Client(token="${v}", timeout=5)` },
  { label: 'Go', path: 'cmd/main.go', render: (v) => `\tserviceToken := "${v}"` },
  { label: 'Java', path: 'src/App.java', render: (v) => `    private static final String SERVICE_TOKEN = "${v}";` },
  { label: 'C#', path: 'src/Program.cs', render: (v) => `var serviceToken = @"${v}";` },
  { label: 'Kotlin', path: 'src/App.kt', render: (v) => `val serviceToken: String = "${v}"` },
  { label: 'PHP', path: 'config/app.php', render: (v) => `$serviceToken = '${v}';` },
  { label: 'Ruby', path: 'config/app.rb', render: (v) => `Client.new(token: '${v}')` },
  { label: 'shell', path: 'scripts/deploy.sh', render: (v) => `export SERVICE_TOKEN=${v}` },
  { label: 'YAML', path: 'config/app.yml', render: (v) => `service:\n  token: ${v}\n` },
  { label: 'JSON', path: 'config/app.json', render: (v) => `{\n  "serviceToken": "${v}"\n}` },
  { label: 'JSON-escaped string', path: 'events/payload.json', render: (v) => `{"body": "{\\"serviceToken\\": \\"${v}\\"}"}` },
  { label: 'INI', path: 'config/app.ini', render: (v) => `[service]\ntoken = ${v}\n` },
  { label: 'properties', path: 'src/main/resources/application.properties', render: (v) => `service.token=${v}` },
  { label: '.env', path: '.env', render: (v) => `SERVICE_TOKEN=${v}\n` },
  { label: 'XML element', path: 'conf/settings.xml', render: (v) => `<settings><serviceToken>${v}</serviceToken></settings>` },
  { label: 'Makefile', path: 'Makefile', render: (v) => `SERVICE_TOKEN ?= ${v}\n` },
  { label: 'URL query', path: 'docs/notes.md', render: (v) => `curl "https://api.acme.io/v1/items?token=${v}&page=2"` },
  { label: 'comment', path: 'src/lib.rs', render: (v) => `// old token, remove: ${v}` },
  { label: 'TOML', path: 'config.toml', render: (v) => `[service]\ntoken = "${v}"` },
  { label: 'Terraform', path: 'main.tf', render: (v) => `  token = "${v}"` },
  { label: 'Dockerfile', path: 'Dockerfile', render: (v) => `ENV SERVICE_TOKEN=${v}` },
];

describe('provider detectors in every common context', () => {
  const engine = defaultEngine();
  // Rules whose value carries its own marker (a prefix such as ghp_) must be found whatever the
  // syntax around it; rules that need a provider name next to the value are covered by examples.
  const selfIdentifying = builtinRules().flatMap(({ definition: rule }) => {
    const example = rule.examples.positive[0];
    if (rule.generic || rule.context || rule.multiline || rule.check || typeof example !== 'string') return [];
    const finding = engine.scan({ path: 'probe.txt', text: example }).findings.find((f) => f.ruleId === rule.id);
    if (!finding) return [];
    const value = example.slice(finding.offsets.start, finding.offsets.end);
    const marked = (rule.keywords ?? []).some((k) => value.toLowerCase().includes(k));
    return marked && !/[\s"'<>]/.test(value) ? [{ rule, value }] : [];
  });

  it('covers most provider rules', () => {
    assert.ok(selfIdentifying.length >= 150, `only ${selfIdentifying.length} self-identifying rules`);
  });

  for (const { rule, value } of selfIdentifying) {
    it(`${rule.id}: exact range in ${CONTEXTS.length} syntaxes`, () => {
      for (const context of CONTEXTS) {
        const text = context.render(value);
        const findings = engine.scan({ path: context.path, text }).findings.filter((f) => f.ruleId === rule.id);
        assert.equal(findings.length, 1, `${context.label}: expected one ${rule.id} finding, got ${findings.length}`);
        const start = text.indexOf(value);
        assert.deepEqual(findings[0].offsets, { start, end: start + value.length }, `${context.label}: range is not the value`);
      }
    });
  }
});

describe('placeholders stay quiet in every context', () => {
  const engine = defaultEngine();
  const placeholders = [
    'xxxxxxxxxxxxxxxxxxxxxxxx',
    '************************',
    'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    '<your-token-here>',
    '${SERVICE_TOKEN}',
    '{{ service_token }}',
    'changeme',
    'YOUR_API_KEY',
    'sk_live_...',
    'AKIAIOSFODNN7EXAMPLE',
    'REDACTED',
    '$(cat /run/secrets/token)',
    '%SERVICE_TOKEN%',
  ];
  for (const placeholder of placeholders) {
    it(`"${placeholder}"`, () => {
      for (const context of CONTEXTS) {
        const findings = engine.scan({ path: context.path, text: context.render(placeholder) }).findings;
        assert.deepEqual(
          findings.map((f) => f.ruleId),
          [],
          `${context.label} reported a placeholder`,
        );
      }
    });
  }
});
