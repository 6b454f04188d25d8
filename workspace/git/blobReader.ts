import { gitStream } from './gitRunner';

/** Sizes of the blobs, to skip the ones too large to scan before reading them. */
export async function blobSizes(root: string, shas: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let text = '';
  await gitStream(
    root,
    ['cat-file', '--batch-check=%(objectname) %(objectsize)'],
    (c) => {
      text += c.toString('utf8');
    },
    shas.join('\n') + '\n',
  );
  for (const line of text.split('\n')) {
    const [sha, size] = line.split(' ');
    if (size) sizes.set(sha, Number(size));
  }
  return sizes;
}

/** Streams the blobs' contents through one `git cat-file --batch`, one blob in memory at a time. */
export async function readBlobs(root: string, shas: string[], onBlob: (sha: string, content: Buffer) => void): Promise<void> {
  let buffer: Buffer = Buffer.alloc(0);
  let header: { sha: string; size: number } | undefined;
  await gitStream(
    root,
    ['cat-file', '--batch'],
    (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (!header) {
          const nl = buffer.indexOf(10);
          if (nl < 0) return;
          const [sha, , size] = buffer.subarray(0, nl).toString('utf8').split(' ');
          buffer = buffer.subarray(nl + 1);
          if (size === undefined) continue; // "<sha> missing"
          header = { sha, size: Number(size) };
        }
        if (buffer.length < header.size + 1) return;
        onBlob(header.sha, buffer.subarray(0, header.size));
        buffer = buffer.subarray(header.size + 1);
        header = undefined;
      }
    },
    shas.join('\n') + '\n',
  );
}
