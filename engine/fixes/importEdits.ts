import type { OffsetEdit } from '..';
import type { FileIdiom } from './fileIdiom';
import type { ModuleKind } from './javascriptSecret';

/** Offset just past the line that matches last among the file's leading lines. */
function afterLastMatchingLine(text: string, pattern: RegExp, scanLines = 200): number | undefined {
  let offset = 0;
  let after: number | undefined;
  for (let i = 0; i < scanLines && offset < text.length; i++) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl + 1;
    if (pattern.test(text.slice(offset, nl < 0 ? text.length : nl))) after = end;
    offset = end;
  }
  return after;
}

const insertAt = (at: number, line: string, text: string): OffsetEdit => {
  const needsNewline = at > 0 && text[at - 1] !== '\n';
  return { start: at, end: at, newText: `${needsNewline ? '\n' : ''}${line}\n` };
};

/** `import { A, B } from "m";` written as CommonJS for files that use `require`. */
function asRequire(line: string): string {
  const m = /^import (\{[^}]*\}|\w+) from ("[^"]+"|'[^']+');$/.exec(line);
  return m ? `const ${m[1]} = require(${m[2]});` : line;
}

/**
 * The edit adding `line` (an import in the file's language) unless the file already has it.
 * Go takes a bare package path (`os`).
 */
export function importEdit(text: string, idiom: FileIdiom, line: string, moduleKind?: ModuleKind): OffsetEdit | undefined {
  switch (idiom) {
    case 'javascript':
    case 'typescript': {
      const module = /from ("[^"]+"|'[^']+')/.exec(line)?.[1].slice(1, -1) ?? '';
      if (text.includes(`"${module}"`) || text.includes(`'${module}'`)) return undefined;
      const commonJs = moduleKind ? moduleKind === 'commonjs' : /\brequire\(/.test(text) && !/^import\s/m.test(text);
      const written = commonJs ? asRequire(line) : line;
      const at =
        afterLastMatchingLine(text, commonJs ? /^(?:const|let|var) .*=\s*require\(/ : /^import\s.*from\s|^import\s+["']/) ??
        afterLastMatchingLine(text, /^#!|^["']use strict["'];?$/, 3) ??
        0;
      return insertAt(at, written, text);
    }
    case 'python': {
      if (new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm').test(text)) return undefined;
      const at = afterLastMatchingLine(text, /^(?:import\s|from\s+\S+\s+import\s)/) ?? afterLastMatchingLine(text, /^#|^$/, 5) ?? 0;
      return insertAt(at, line, text);
    }
    case 'java':
    case 'kotlin':
    case 'csharp': {
      if (new RegExp(`^\\s*${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/;$/, '')};?\\s*$`, 'm').test(text)) return undefined;
      const at =
        afterLastMatchingLine(text, idiom === 'csharp' ? /^using\s+[\w.]+;/ : /^import\s/) ??
        afterLastMatchingLine(text, /^package\s/, 50) ??
        0;
      return insertAt(at, line, text);
    }
    case 'go': {
      if (new RegExp(`^\\s*(?:import\\s+)?(?:\\w+\\s+)?"${line}"`, 'm').test(text)) return undefined;
      const block = /^import \($/m.exec(text);
      if (block) return insertAt(block.index + block[0].length + 1, `\t"${line}"`, text);
      const afterImport = afterLastMatchingLine(text, /^import\s+"/);
      if (afterImport !== undefined) return insertAt(afterImport, `import "${line}"`, text);
      // The first import after `package` is set off by a blank line, as gofmt'd files have it.
      const afterPackage = afterLastMatchingLine(text, /^package\s/, 50);
      if (afterPackage === undefined) return insertAt(0, `import "${line}"`, text);
      const edit = insertAt(afterPackage, `import "${line}"`, text);
      return { ...edit, newText: edit.newText.replace(/(^\n?)/, '$1\n') };
    }
    default:
      return undefined;
  }
}
