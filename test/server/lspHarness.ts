import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  ConfigurationRequest,
  RegistrationRequest,
  ApplyWorkspaceEditRequest,
  WorkDoneProgressCreateRequest,
  ShowMessageNotification,
  LogMessageNotification,
  DiagnosticRefreshRequest,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ApplyWorkspaceEditParams,
  type ProgressToken,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

/** How long `until` waits for the server before failing with a message: a hang guard, far above what a test needs. */
const WAIT_LIMIT_MS = 45_000;

/** The bundled server over stdio with a real JSON-RPC client that records what the server sends. */
export class LspSession {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly progress: Array<{ token: ProgressToken; value: unknown }> = [];
  readonly messages: string[] = [];
  /** What the server logged (window/logMessage: the client's output channel). */
  readonly logs: string[] = [];
  refreshes = 0;
  settings: Record<string, unknown> = { enable: true, secretsManager: 'env', owner: 'platform-team' };
  /** How many times the server asked for its settings (workspace/configuration). */
  configurationRequests = 0;
  /** What the server answered to `initialize`. */
  initialized!: InitializeResult;
  /** Re-run on every message the server sends; each resolves its `until` when its probe holds. */
  private readonly waiters = new Set<() => void>();
  private exited?: string;

  private constructor(
    readonly server: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly root: string,
  ) {}

  /**
   * Writes `files` under a new temporary root and starts the server on it. `folders` are the
   * workspace folders, as paths under the root (default: the root itself, one folder).
   */
  static async start(
    capabilities: ClientCapabilities,
    files: Record<string, string> = {},
    options: {
      folders?: string[];
      initializationOptions?: unknown;
      settings?: Record<string, unknown>;
      /** Makes what `files` cannot (a FIFO, a link) in the root before the server starts. */
      prepare?: (root: string) => void;
      env?: NodeJS.ProcessEnv;
      /** Another build of the server (default: this checkout's dist/server.js). */
      server?: string;
    } = {},
  ): Promise<LspSession> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-lsp-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    options.prepare?.(root);
    const server = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: options.env ?? process.env,
    });
    const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const session = new LspSession(server, connection, root);
    if (options.settings) session.settings = { ...session.settings, ...options.settings };
    const record =
      <P, R>(handler: (p: P) => R) =>
      (p: P): R => {
        const result = handler(p);
        session.changed();
        return result;
      };
    server.on('exit', (code, signal) => {
      session.exited = `the server exited (${signal ?? code})`;
      session.changed();
    });
    connection.onNotification(
      PublishDiagnosticsNotification.type,
      record((p) => session.published.push(p)),
    );
    connection.onNotification(
      ShowMessageNotification.type,
      record((p) => session.messages.push(p.message)),
    );
    connection.onNotification(
      LogMessageNotification.type,
      record((p) => session.logs.push(p.message)),
    );
    connection.onRequest(ConfigurationRequest.type, (p) => {
      session.configurationRequests++;
      session.changed();
      return p.items.map(() => session.settings);
    });
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    connection.onRequest(
      DiagnosticRefreshRequest.type,
      record(() => {
        session.refreshes++;
        return null;
      }),
    );
    connection.onRequest(
      ApplyWorkspaceEditRequest.type,
      record((p) => {
        session.applied.push(p);
        return { applied: true };
      }),
    );
    connection.onNotification(
      '$/progress',
      record((p: { token: ProgressToken; value: unknown }) => session.progress.push(p)),
    );
    connection.listen();
    const folders = options.folders ?? [''];
    for (const folder of folders) fs.mkdirSync(path.join(root, folder), { recursive: true });
    session.initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(path.join(root, folder)).href, name: folder || 'ws' })),
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  uri(name: string): string {
    return pathToFileURL(path.join(this.root, name)).href;
  }

  /**
   * Waits for a condition on what the server sent: checked now and on each message from the
   * server, no polling. Fails naming `what` if the server exits or after a generous limit.
   */
  until<T>(what: string, probe: () => T | undefined | false): Promise<T> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        let hit: T | undefined | false;
        try {
          hit = probe();
        } catch (error) {
          done();
          reject(error as Error);
          return;
        }
        if (hit !== undefined && hit !== false) {
          done();
          resolve(hit);
        } else if (this.exited) {
          done();
          reject(new Error(`${this.exited} while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}`));
      }, WAIT_LIMIT_MS);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(settle);
      };
      this.waiters.add(settle);
      settle();
    });
  }

  diagnosticsFor(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return this.until(`diagnostics for ${uri} v${version}`, () =>
      [...this.published].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version)),
    );
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.server.kill();
    }
  }
}

export { applyTextEdits } from '../support/applyEdits';
