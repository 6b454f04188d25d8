'use strict';
// Bundles are written ASCII-only: Node decodes a module's file as UTF-8, several times faster
// when every byte is ASCII (a 1.2 MB bundle with a dozen `…` in comments: 7 ms, ASCII: 2 ms,
// at every start of the CLI, the server and each audit worker). esbuild already escapes strings
// and untagged templates; what it leaves is comments, regular expression literals and tagged
// templates' raw text. Only comments are escaped here, where `\uXXXX` means nothing: in a
// regular expression `\é` and `\\u00e9` differ, and `String.raw` sees the escape, so the build
// stops on any other non-ASCII character and asks for the escape in the source instead.
const NON_ASCII = /[\u0080-\uffff]/g;
const asciiEscape = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** A line of a block comment (` * …`, `/** …`) or one with a line comment before the character. */
const COMMENT_BEFORE = /^\s*(?:\/\*|\*)|\/\//;

/** The bundle's text with its comments' non-ASCII characters escaped; throws on any outside a comment. */
function asciiOnly(text, file) {
  return text.replace(NON_ASCII, (c, at) => {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    // U+2028 and U+2029 end a line comment in JavaScript: escaped, what follows them would become part of the comment.
    if (c !== '\u2028' && c !== '\u2029' && COMMENT_BEFORE.test(text.slice(lineStart, at))) return asciiEscape(c);
    const line = text.slice(0, at).split('\n').length;
    throw new Error(
      `${file}:${line}: ${asciiEscape(c)} outside a comment (a regular expression or String.raw?): write it as an escape in the source`,
    );
  });
}

module.exports = { asciiOnly };
