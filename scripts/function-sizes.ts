/**
 * The largest functions of src/, by lines: `npm run sizes [-- N]` (default 15). A review aid for
 * keeping functions small; it reads the sources with the TypeScript compiler, nothing runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const limit = Number(process.argv[2] ?? 15);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Size {
  name: string;
  where: string;
  lines: number;
}

function nameOf(node: ts.Node, source: ts.SourceFile): string | undefined {
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node)) return node.name?.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent))
    return node.parent.name.getText(source);
  return undefined;
}

const sizes: Size[] = [];
for (const path of files(join(root, 'src'))) {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node, owner: string) => {
    const name = nameOf(node, source);
    let next = owner;
    if (ts.isClassDeclaration(node) && node.name) next = node.name.text;
    if (name) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      sizes.push({ name: owner ? `${owner}.${name}` : name, where: `${relative(root, path)}:${start + 1}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, (child) => visit(child, next));
  };
  visit(source, '');
}
sizes.sort((a, b) => b.lines - a.lines);
for (const s of sizes.slice(0, limit)) console.log(`${String(s.lines).padStart(4)}  ${s.name}  (${s.where})`);
