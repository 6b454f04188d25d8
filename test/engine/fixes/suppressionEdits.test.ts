import * as assert from 'node:assert/strict';
import { suppressFileEdit } from '../../../engine/fixes/suppressionEdits';

/** The text with the edit applied. */
function applied(text: string, edit: { start: number; end: number; newText: string }): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

describe('suppress in this file: where the comment goes', () => {
  it('first line of a plain file; after a shebang line', () => {
    assert.equal(applied('x = 1\n', suppressFileEdit('x = 1\n', 'python', 'r')!), '# nhi-lens:ignore-file r -- reason\nx = 1\n');
    assert.equal(
      applied('#!/bin/sh\nA=1\n', suppressFileEdit('#!/bin/sh\nA=1\n', 'shell', 'r')!),
      '#!/bin/sh\n# nhi-lens:ignore-file r -- reason\nA=1\n',
    );
  });

  it('after a byte-order mark, and after a shebang that follows one: the BOM stays first', () => {
    assert.equal(
      applied('\ufeffx = 1\n', suppressFileEdit('\ufeffx = 1\n', 'python', 'r')!),
      '\ufeff# nhi-lens:ignore-file r -- reason\nx = 1\n',
    );
    assert.equal(
      applied('\ufeff#!/bin/sh\nA=1\n', suppressFileEdit('\ufeff#!/bin/sh\nA=1\n', 'shell', 'r')!),
      '\ufeff#!/bin/sh\n# nhi-lens:ignore-file r -- reason\nA=1\n',
    );
  });
});
