import * as assert from 'node:assert/strict';
import { defaultEngine } from '../../support/engineFixture';

/** `check@line:element (+related count)` of each default-compute-account finding. */
function scan(text: string): string[] {
  return defaultEngine()
    .scan({ path: 'gke.tf', text })
    .findings.filter((f) => f.fix.iac?.check === 'gcp-default-service-account')
    .map(
      (f) => `${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}${f.related?.length ? ` +${f.related.length}` : ''}`,
    );
}

const pool = (body: string) => `resource "google_container_node_pool" "p" {\n  name    = "p"\n  cluster = "c"\n${body}}\n`;
const cluster = (body: string) => `resource "google_container_cluster" "c" {\n  name     = "c"\n  location = "europe-west1"\n${body}}\n`;

describe('GKE nodes and VMs on the default compute service account (issue 12)', () => {
  it('a node pool whose node_config sets no service_account, or that has no node_config', () => {
    assert.deepEqual(scan(pool('  node_config {\n    machine_type = "e2-medium"\n  }\n')), ['4:node_config ']);
    assert.deepEqual(scan(pool('  node_count = 1\n')), ['1:resource "google_container_node_pool" "p"']);
  });

  it('a node pool with its own account, or an unknown one from a variable, is not reported', () => {
    assert.deepEqual(scan(pool('  node_config {\n    service_account = google_service_account.nodes.email\n  }\n')), []);
    assert.deepEqual(scan(pool('  node_config {\n    service_account = var.node_service_account\n  }\n')), []);
  });

  it('a node pool naming the default account is reported at the name', () => {
    assert.deepEqual(scan(pool('  node_config {\n    service_account = "default"\n  }\n')), ['5:service_account = "default"']);
  });

  it("a cluster's default node pool: reported unless removed or given an account", () => {
    assert.deepEqual(scan(cluster('  initial_node_count = 1\n')), ['1:resource "google_container_cluster" "c"']);
    assert.deepEqual(scan(cluster('  node_config {\n    machine_type = "e2-medium"\n  }\n')), ['4:node_config ']);
    assert.deepEqual(scan(cluster('  remove_default_node_pool = true\n  initial_node_count = 1\n')), []);
    assert.deepEqual(scan(cluster('  remove_default_node_pool = var.remove_default\n')), []);
    assert.deepEqual(scan(cluster('  node_config {\n    service_account = google_service_account.nodes.email\n  }\n')), []);
  });

  it('inline node pools: one finding for the cluster, the other pools related', () => {
    const inline = (sa: string) => `  node_pool {\n    name = "a"\n    node_config {\n${sa}    }\n  }\n`;
    assert.deepEqual(scan(cluster(inline('') + inline('') + '  node_pool {\n    name = "b"\n  }\n')), ['6:node_config  +2']);
    assert.deepEqual(scan(cluster(inline('      service_account = google_service_account.nodes.email\n'))), []);
    assert.deepEqual(
      scan(cluster('  dynamic "node_pool" {\n    for_each = var.pools\n    content {\n      name = node_pool.key\n    }\n  }\n')),
      [],
    );
  });

  it('Autopilot clusters without auto_provisioning_defaults run as the default account', () => {
    assert.deepEqual(scan(cluster('  enable_autopilot = true\n')), ['4:enable_autopilot = true']);
    const defaults =
      '  cluster_autoscaling {\n    auto_provisioning_defaults {\n      service_account = google_service_account.nodes.email\n    }\n  }\n';
    assert.deepEqual(scan(cluster(`  enable_autopilot = true\n${defaults}`)), []);
    assert.deepEqual(scan(cluster('  enable_autopilot = var.autopilot\n')), []);
  });

  it('instance templates: a service_account block without email is the default account; no block attaches none', () => {
    const template = (sa: string) =>
      `resource "google_compute_instance_template" "t" {\n  name_prefix  = "t-"\n  machine_type = "e2-small"\n${sa}}\n`;
    assert.deepEqual(scan(template('  service_account {\n    scopes = ["cloud-platform"]\n  }\n')), ['4:service_account ']);
    assert.deepEqual(scan(template('')), []);
    assert.deepEqual(
      scan(template('  service_account {\n    email  = google_service_account.t.email\n    scopes = ["cloud-platform"]\n  }\n')),
      [],
    );
  });
});
