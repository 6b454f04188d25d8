/**
 * The server's connection, with edit bursts coalesced before they reach the message queue.
 *
 * vscode-languageserver handles one message per event-loop turn, in order: behind 10,000
 * `didChange` notifications (a macro, a generated edit, a client replaying a queue) a code
 * action or hover waits for all of them. Consecutive `didChange` notifications of one document
 * that arrive in the same read are merged into one notification with all their changes, in
 * order, and the last version: the document ends up exactly as it would have, the queue is one
 * message long instead of thousands, and requests behind the burst are answered at once.
 */
import { format } from 'node:util';
import {
  AbstractMessageReader,
  createConnection,
  DidChangeTextDocumentNotification,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type DataCallback,
  type DidChangeTextDocumentParams,
  type Disposable,
  type Message,
  type MessageReader,
  type NotificationMessage,
} from 'vscode-languageserver/node';

const DID_CHANGE = DidChangeTextDocumentNotification.method;

function isDidChange(message: Message): message is NotificationMessage & { params: DidChangeTextDocumentParams } {
  const m = message as NotificationMessage;
  const params = m.params as DidChangeTextDocumentParams | undefined;
  return m.method === DID_CHANGE && !('id' in m) && Array.isArray(params?.contentChanges) && typeof params?.textDocument?.uri === 'string';
}

/**
 * Collects the messages of one read of the transport (they arrive synchronously, one after the
 * other), merges adjacent edits of one document, and hands them on in order after that read.
 */
export class CoalescingMessageReader extends AbstractMessageReader {
  /** How many `didChange` notifications were merged into an earlier one (for tests and logs). */
  merged = 0;

  constructor(private readonly inner: MessageReader) {
    super();
    inner.onError((error) => this.fireError(error));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  listen(callback: DataCallback): Disposable {
    let batch: Message[] = [];
    const flush = () => {
      const messages = batch;
      batch = [];
      for (const message of messages) callback(message);
    };
    return this.inner.listen((message) => {
      const last = batch[batch.length - 1];
      if (last && isDidChange(message) && isDidChange(last) && last.params.textDocument.uri === message.params.textDocument.uri) {
        last.params.contentChanges.push(...message.params.contentChanges);
        last.params.textDocument.version = message.params.textDocument.version;
        this.merged++;
        return;
      }
      if (batch.length === 0) setImmediate(flush);
      batch.push(message);
    });
  }

  dispose(): void {
    super.dispose();
    this.inner.dispose();
  }
}

/**
 * The connection over the transport named on the command line, as `createConnection` would pick
 * it (`--stdio`, `--node-ipc`), with a coalescing reader; other transports go unchanged.
 */
export function createServerConnection() {
  const args = process.argv.slice(2);
  if (args.includes('--node-ipc')) {
    return createConnection(
      ProposedFeatures.all,
      new CoalescingMessageReader(new IPCMessageReader(process)),
      new IPCMessageWriter(process),
    );
  }
  if (!args.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const connection = createConnection(
    ProposedFeatures.all,
    new CoalescingMessageReader(new StreamMessageReader(process.stdin)),
    new StreamMessageWriter(process.stdout),
  );
  // What createConnection does for --stdio itself: stdout carries the protocol, so console output
  // goes to the client's log; and the server ends with its input (exit code 0 after `shutdown`).
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const end = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
