// ESLint rule `layers/imports`: the domain core (src/domain, imported by name as @hc/domain/<path>) is the
// bottom layer; the three front doors — the site (the rest of src/), the Studio (cms/) and the points service
// (server/) — stand on it and never reach into each other. So:
//   - the domain imports nothing of a front door, no Astro module, and itself only by relative path;
//   - a front door imports the domain by name (@hc/domain/…), never by a relative path into src/domain;
//   - a front door never imports another front door's files by relative path.
// Tools and tests (scripts/, tests/) may import any layer.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOMAIN = 'src/domain';

/** Which layer a repository-relative path belongs to. */
export function layerOf(rel) {
  const p = rel.split(path.sep).join('/');
  if (p === DOMAIN || p.startsWith(`${DOMAIN}/`)) return 'domain';
  if (p.startsWith('src/')) return 'site';
  if (p.startsWith('cms/')) return 'studio';
  if (p.startsWith('server/')) return 'service';
  return 'other';
}

const NAMES = {
  domain: 'the domain core (src/domain)',
  site: 'the site (src/)',
  studio: 'the Studio (cms/)',
  service: 'the points service (server/)',
};

/** The problem with importing `spec` from the file `file` (absolute), or undefined. */
export function importProblem(file, spec) {
  const from = layerOf(path.relative(ROOT, file));
  if (from === 'other') return undefined;
  if (from === 'domain') {
    if (spec === 'astro' || spec.startsWith('astro:') || spec.startsWith('astro/'))
      return 'the domain core must not import Astro: it is shared by the site, the Studio and the service';
    if (spec.startsWith('@hc/domain')) return 'inside the domain core, import by relative path';
  }
  if (!spec.startsWith('.')) return undefined;
  const to = layerOf(path.relative(ROOT, path.resolve(path.dirname(file), spec)));
  if (to === from || to === 'other')
    return to === 'other' && from === 'domain'
      ? `the domain core imports only itself and packages, not ${spec}`
      : undefined;
  if (to === 'domain')
    return `import the domain core by name: '@hc/domain/${path
      .relative(path.resolve(ROOT, DOMAIN), path.resolve(path.dirname(file), spec))
      .split(path.sep)
      .join('/')}'`;
  return `${NAMES[from]} must not import ${NAMES[to]} (${spec}): share it through the domain core`;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports follow the layers: domain core at the bottom, front doors apart' },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      const src = node.source;
      if (!src || src.type !== 'Literal' || typeof src.value !== 'string') return;
      const problem = importProblem(context.filename, src.value);
      if (problem) context.report({ node: src, message: problem });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { imports: rule } };
