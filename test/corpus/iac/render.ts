/** Renders plain JSON-shaped values as JSON, YAML (block style) and HCL object expressions. */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function json(value: Json, indent: string, step = '  '): string {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}${step}${json(v, indent + step, step)}`).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return '{}';
    return `{\n${entries.map(([k, v]) => `${indent}${step}${JSON.stringify(k)}: ${json(v, indent + step, step)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const yamlScalar = (v: Json): string => {
  if (typeof v !== 'string') return JSON.stringify(v);
  // Quote what YAML would read as something else, the way people write it.
  return /^[\w./:-]+$/.test(v) && !/^(?:true|false|yes|no|null|\d+)$/i.test(v) && !v.startsWith('arn:aws:iam::*') ? v : `'${v}'`;
};

/** YAML lines for a map's entries at `indent`. */
export function yaml(value: Json, indent: string): string {
  if (Array.isArray(value)) {
    return value
      .map((v) => {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const inner = yaml(v, indent + '  ');
          return `${indent}- ${inner.slice(indent.length + 2)}`;
        }
        return `${indent}- ${yamlScalar(v)}`;
      })
      .join('\n');
  }
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => {
        const key = /^[\w-]+$/.test(k) ? k : `'${k}'`;
        if (v && typeof v === 'object') {
          if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return `${indent}${key}:\n${yaml(v, indent + '  ')}`;
          return `${indent}${key}:\n${yaml(v, indent + '  ')}`;
        }
        return `${indent}${key}: ${yamlScalar(v)}`;
      })
      .join('\n');
  }
  return `${indent}${yamlScalar(value)}`;
}

/** An HCL expression (jsonencode argument style: bare keys where HCL allows them). */
export function hcl(value: Json, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}  ${hcl(v, indent + '  ')},`).join('\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return '{}';
    const width = Math.max(...entries.map(([k]) => hclKey(k).length));
    return `{\n${entries.map(([k, v]) => `${indent}  ${hclKey(k).padEnd(width)} = ${hcl(v, indent + '  ')}`).join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const hclKey = (k: string) => (/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k));
