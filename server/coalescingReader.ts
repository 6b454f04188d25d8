/**
 * Edit bursts coalesced before they reach the connection's message queue.
 *
 * vscode-languageserver handles one message per event-loop turn, in order: behind 10,000
 * `didChange` notifications (a macro, a generated edit, a client replaying a queue) a code
 * action or hover waits for all of them. Consecutive `didChange` notifications of one document
 * that arrive in the same read are merged into one notification with all their changes, in
 * order, and the last version: the document ends up exactly as it would have, the queue is one
 * message long instead of thousands, and requests behind the burst are answered at once.
 */
import {
  AbstractMessageReader,
  DidChangeTextDocumentNotification,
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

  /** `onMessage`: told of every message as it is read, before any merging. */
  constructor(
    private readonly inner: MessageReader,
    private readonly onMessage: () => void = () => undefined,
  ) {
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
      this.onMessage();
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
