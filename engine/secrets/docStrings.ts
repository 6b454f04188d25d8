/**
 * Documentation held in code: Ansible modules carry their docs as module-level strings
 * (`DOCUMENTATION = r'''…'''`, `EXAMPLES = …`, `RETURN = …`), and their examples are full of
 * sample passwords and keys. Secrets there are samples like those under `docs/`: they stay
 * visible one severity level lower. Only these names, at the start of a line, in Python.
 */
const DOC_STRING = /^(?:DOCUMENTATION|EXAMPLES?|RETURN|USAGE)[ \t]*=[ \t]*[rRuU]?('''|""")/gm;

/** The [start, end) offsets of the documentation strings of a Python file, in order. */
export function docStringRegions(text: string): Array<[number, number]> {
  const regions: Array<[number, number]> = [];
  DOC_STRING.lastIndex = 0;
  for (let m = DOC_STRING.exec(text); m; m = DOC_STRING.exec(text)) {
    const open = m.index + m[0].length;
    const close = text.indexOf(m[1], open);
    const end = close < 0 ? text.length : close;
    regions.push([open, end]);
    DOC_STRING.lastIndex = end;
  }
  return regions;
}
