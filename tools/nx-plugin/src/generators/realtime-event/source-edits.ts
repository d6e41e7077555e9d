import * as ts from 'typescript';
import { Tree } from 'nx/src/devkit-exports';

/** Replaces `text[start, end)`; an insertion has `start === end`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

const PRINT_WIDTH = 100;

function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

export function readSource(tree: Tree, path: string): ts.SourceFile {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} does not exist`);
  return parse(path, text);
}

/** Applies edits that do not overlap, from the last to the first so offsets stay valid. */
function applyEdits(text: string, edits: Edit[]): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((out, { start, end, text: inserted }) => out.slice(0, start) + inserted + out.slice(end), text);
}

export function editFile(tree: Tree, path: string, edit: (source: ts.SourceFile) => Edit[]): void {
  const source = readSource(tree, path);
  tree.write(path, applyEdits(source.text, edit(source)));
}

function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

/** The position just past the end of the line holding `position`. */
function nextLineStart(text: string, position: number): number {
  const end = text.indexOf('\n', position);
  return end === -1 ? text.length : end + 1;
}

function indentOf(text: string, position: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, position)))?.[0] ?? '';
}

/** A new line after the line where `node` ends (its trailing comma included), indented like it. */
export function lineAfter(source: ts.SourceFile, node: ts.Node, line: string): Edit {
  const at = nextLineStart(source.text, node.getEnd());
  return { start: at, end: at, text: `${indentOf(source.text, node.getStart())}${line}\n` };
}

/** A new line before the line where `node` starts, indented like it. */
function lineBefore(source: ts.SourceFile, node: ts.Node, line: string): Edit {
  const at = lineStart(source.text, node.getStart());
  return { start: at, end: at, text: `${indentOf(source.text, node.getStart())}${line}\n` };
}

export function nameOf(node: ts.NamedDeclaration): string | undefined {
  const name = node.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

export function findInterface(source: ts.SourceFile, name: string): ts.InterfaceDeclaration {
  const found = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  if (!found) throw new Error(`${source.fileName} has no interface ${name}`);
  return found;
}

/** The object literal a `const` is initialised with, through `as const` and `satisfies`. */
export function findConstObject(source: ts.SourceFile, name: string): ts.ObjectLiteralExpression {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (nameOf(declaration) !== name) continue;
      let value = declaration.initializer;
      while (
        value &&
        (ts.isSatisfiesExpression(value) || ts.isAsExpression(value) || ts.isParenthesizedExpression(value))
      )
        value = value.expression;
      if (value && ts.isObjectLiteralExpression(value)) return value;
    }
  }
  throw new Error(`${source.fileName} has no object literal ${name}`);
}

export function classes(source: ts.SourceFile): ts.ClassDeclaration[] {
  return source.statements.filter(ts.isClassDeclaration);
}

export function hasDecorator(node: ts.HasDecorators, name: string): boolean {
  return (ts.getDecorators(node) ?? []).some(
    (d) => ts.isCallExpression(d.expression) && d.expression.expression.getText() === name,
  );
}

/** Whether a member of that name exists, so a second run never writes a duplicate. */
export function hasMember(
  node: ts.ClassDeclaration | ts.InterfaceDeclaration | ts.ObjectLiteralExpression,
  name: string,
): boolean {
  const members: readonly ts.NamedDeclaration[] = ts.isObjectLiteralExpression(node) ? node.properties : node.members;
  return members.some((member) => nameOf(member) === name);
}

/** A new last member of a class, after a blank line, before its closing brace. */
export function appendClassMember(source: ts.SourceFile, node: ts.ClassDeclaration, lines: string[]): Edit {
  const at = lineStart(source.text, node.getEnd() - 1);
  const body = lines.map((line) => (line ? `  ${line}` : line)).join('\n');
  return { start: at, end: at, text: `\n${body}\n` };
}

function importsOf(source: ts.SourceFile): ts.ImportDeclaration[] {
  return source.statements.filter(ts.isImportDeclaration);
}

const specifierOf = (declaration: ts.ImportDeclaration) => (declaration.moduleSpecifier as ts.StringLiteral).text;

/**
 * Imports `name` from `module`: into the import of that module if there is one, in alphabetical
 * order, else as a new import beside its neighbours in alphabetical order.
 */
export function addNamedImport(source: ts.SourceFile, module: string, name: string): Edit[] {
  const imports = importsOf(source);
  const existing = imports.find(
    (d) =>
      specifierOf(d) === module && d.importClause?.namedBindings && ts.isNamedImports(d.importClause.namedBindings),
  );
  if (!existing) {
    const line = `import { ${name} } from '${module}';`;
    const relative = module.startsWith('.');
    const sameKind = imports.filter((d) => specifierOf(d).startsWith('.') === relative);
    const next = sameKind.find((d) => specifierOf(d) > module);
    if (next) return [lineBefore(source, next, line)];
    const previous = sameKind.at(-1) ?? imports.at(-1);
    if (previous) return [lineAfter(source, previous, line)];
    return [{ start: 0, end: 0, text: `${line}\n` }];
  }
  const bindings = existing.importClause?.namedBindings as ts.NamedImports;
  const names = bindings.elements.map((element) => element.getText());
  if (names.includes(name)) return [];
  const next = bindings.elements.find((element) => element.getText() > name);
  if (source.text.slice(bindings.getStart(), bindings.getEnd()).includes('\n')) {
    return [
      next
        ? lineBefore(source, next, `${name},`)
        : lineAfter(source, bindings.elements[bindings.elements.length - 1], `${name},`),
    ];
  }
  const sorted = [...names, name].sort();
  const oneLine = `{ ${sorted.join(', ')} }`;
  const statementStart = existing.getStart();
  const fits =
    source.text.slice(statementStart, bindings.getStart()).length + oneLine.length + ` from '${module}';`.length <=
    PRINT_WIDTH;
  const text = fits ? oneLine : `{\n${sorted.map((n) => `  ${n},`).join('\n')}\n}`;
  return [{ start: bindings.getStart(), end: bindings.getEnd(), text }];
}

/** `call(a, b, c);` on one line when it fits the print width, else one argument per line. */
export function callStatement(indent: string, callee: string, args: string[]): string[] {
  const oneLine = `${callee}(${args.join(', ')});`;
  if (indent.length + oneLine.length <= PRINT_WIDTH) return [oneLine];
  return [`${callee}(`, ...args.map((arg) => `  ${arg},`), ');'];
}
