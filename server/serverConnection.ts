/**
 * The server's connection over the transport named on the command line, as `createConnection`
 * would pick it (`--stdio`, `--node-ipc`), with what keeps it responsive under load: huge
 * documents dropped from the bytes before they are parsed (stdio; see oversizedMessages.ts), every
 * message of a read parsed in that read (stdio; see framedMessageReader.ts), each message written
 * in one write (stdio; see framedMessageWriter.ts) and consecutive edits of one document merged
 * (see coalescingReader.ts). Other transports go unchanged.
 */
import { format } from 'node:util';
import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures } from 'vscode-languageserver/node';
import { MAX_LIMITS } from '../engine/engine';
import { CoalescingMessageReader } from './coalescingReader';
import { FramedMessageReader } from './framedMessageReader';
import { FramedMessageWriter } from './framedMessageWriter';
import { OversizedMessageFilter } from './oversizedMessages';

/** Whether the connection tells of every message from the client (`onMessage`): over stdio and node-ipc. */
export const reportsEveryMessage = (args = process.argv.slice(2)) => args.includes('--stdio') || args.includes('--node-ipc');

/**
 * The connection the server listens on (see the top of this file). `onMessage` is told of every
 * message from the client as it is read (stdio and node-ipc).
 */
export function createServerConnection(onMessage?: () => void) {
  const args = process.argv.slice(2);
  if (args.includes('--node-ipc')) {
    return createConnection(
      ProposedFeatures.all,
      new CoalescingMessageReader(new IPCMessageReader(process), onMessage),
      new IPCMessageWriter(process),
    );
  }
  if (!args.includes('--stdio')) return createConnection(ProposedFeatures.all);
  // Documents too large for any configuration to scan are dropped from the bytes, before they are parsed.
  const input = process.stdin.pipe(new OversizedMessageFilter(MAX_LIMITS.maxFileBytes));
  const connection = createConnection(
    ProposedFeatures.all,
    new CoalescingMessageReader(new FramedMessageReader(input), onMessage),
    new FramedMessageWriter(process.stdout),
  );
  // What createConnection does for --stdio itself: stdout carries the protocol, so console output
  // goes to the client's log; and the server ends with its input (exit code 0 after `shutdown`).
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const end = () => process.exit(shutdown ? 0 : 1);
  input.on('end', end); // after the last message has passed the filter
  input.on('close', end);
  console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
