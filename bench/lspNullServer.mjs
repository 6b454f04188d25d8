// A language server that does nothing, for the stdio bench (bench/lspStdio.mjs): it answers every
// request at once with an empty result and publishes no findings (on open, and 150 ms after the
// last edit of a document, as the real server's debounce). Run the bench against it with
// NHI_BENCH_SERVER=bench/lspNullServer.mjs to see what the client alone costs: the `burst` figure
// through vscode-jsonrpc's client is mostly that client's own write queue.
let pending = Buffer.alloc(0);
const timers = new Map();
const send = (message) => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  process.stdout.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
};
const publish = (uri, version) =>
  send({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics: [] } });

function handle(message) {
  if (message.method === 'exit') process.exit(0);
  // As the real server: it reads its settings after `initialized` (the bench waits for that).
  if (message.method === 'initialized')
    send({ jsonrpc: '2.0', id: 'settings', method: 'workspace/configuration', params: { items: [{ section: 'nhiLens' }] } });
  if (message.method === 'textDocument/didOpen') publish(message.params.textDocument.uri, message.params.textDocument.version);
  if (message.method === 'textDocument/didChange') {
    const { uri, version } = message.params.textDocument;
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => publish(uri, version), 150),
    );
  }
  if (message.method && message.id !== undefined) {
    send({ jsonrpc: '2.0', id: message.id, result: message.method === 'initialize' ? { capabilities: { textDocumentSync: 2 } } : null });
  }
}

process.stdin.on('data', (chunk) => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  for (;;) {
    const end = pending.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(pending.toString('ascii', 0, end))[1]);
    if (pending.length < end + 4 + length) return;
    const message = JSON.parse(pending.toString('utf8', end + 4, end + 4 + length));
    pending = pending.subarray(end + 4 + length);
    handle(message);
  }
});
process.stdin.on('end', () => process.exit(0));
