import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER } from './lspHarness';

/** How long a wait may take before the test fails naming it: a hang guard, far above what a test needs. */
const WAIT_LIMIT_MS = 45_000;

interface Incoming {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/**
 * The bundled server over stdio, driven by bytes written straight to its pipe. vscode-jsonrpc's
 * client writes one message per event-loop turn, so it cannot put a request at an exact place in
 * a burst that the server reads in one go; this client writes each message at the moment it is
 * asked to, so a test knows exactly which edits were written before each request.
 */
export class RawLspClient {
  readonly published: Array<{ uri: string; version?: number; diagnostics: unknown[] }> = [];
  private nextId = 1;
  private readonly answers = new Map<number, (m: Incoming) => void>();
  private readonly waiters = new Set<() => void>();
  private exited?: string;

  private constructor(
    readonly server: ChildProcess,
    readonly root: string,
    private readonly settings: Record<string, unknown>,
  ) {
    let pending = Buffer.alloc(0);
    server.stdout!.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/Content-Length: *(\d+)/i.exec(pending.toString('ascii', 0, end))![1]);
        if (pending.length < end + 4 + length) break;
        const message = JSON.parse(pending.toString('utf8', end + 4, end + 4 + length)) as Incoming;
        pending = pending.subarray(end + 4 + length);
        this.received(message);
      }
    });
    server.on('exit', (code, signal) => {
      this.exited = `the server exited (${signal ?? code})`;
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  static async start(
    capabilities: Record<string, unknown>,
    files: Record<string, string> = {},
    settings: Record<string, unknown> = {},
  ): Promise<RawLspClient> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-raw-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new RawLspClient(server, root, { enable: true, secretsManager: 'env', ...settings });
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
    });
    client.notify('initialized', {});
    return client;
  }

  uri(name: string): string {
    return pathToFileURL(path.join(this.root, name)).href;
  }

  private received(message: Incoming): void {
    if (message.method && message.id !== undefined) {
      // The server's own requests: its settings, and registrations.
      const items = (message.params as { items?: unknown[] } | undefined)?.items;
      const result = message.method === 'workspace/configuration' ? (items ?? []).map(() => this.settings) : null;
      this.write({ jsonrpc: '2.0', id: message.id, result });
    } else if (typeof message.id === 'number') {
      this.answers.get(message.id)?.(message);
      this.answers.delete(message.id);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      this.published.push(message.params as RawLspClient['published'][number]);
    }
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Encodes one message and writes it to the pipe now (Node keeps the order of writes). */
  write(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.server.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Writes the request now; resolves with its result (rejects with its error). */
  request<T = unknown>(method: string, params?: unknown): Promise<T> {
    const id = this.nextId++;
    const answered = new Promise<T>((resolve, reject) =>
      this.answers.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result as T))),
    );
    this.write({ jsonrpc: '2.0', id, method, params });
    return this.guard(method, answered);
  }

  /** Waits for a condition on what the server sent, re-checked on each message; no polling. */
  until<T>(what: string, probe: () => T | undefined | false): Promise<T> {
    return this.guard(
      what,
      new Promise<T>((resolve, reject) => {
        const settle = () => {
          const hit = probe();
          if (hit !== undefined && hit !== false) {
            this.waiters.delete(settle);
            resolve(hit);
          } else if (this.exited) {
            this.waiters.delete(settle);
            reject(new Error(`${this.exited} while waiting for ${what}`));
          }
        };
        this.waiters.add(settle);
        settle();
      }),
    );
  }

  diagnosticsFor(uri: string, version: number) {
    return this.until(`diagnostics for ${uri} v${version}`, () =>
      [...this.published].reverse().find((p) => p.uri === uri && p.version === version),
    );
  }

  private guard<T>(what: string, promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_LIMIT_MS);
    });
    return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
  }

  async stop(): Promise<void> {
    try {
      await this.request('shutdown');
      const exited = new Promise((resolve) => this.server.once('exit', resolve));
      this.notify('exit', undefined);
      await this.guard('exit', exited);
    } finally {
      this.server.kill();
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }
}
