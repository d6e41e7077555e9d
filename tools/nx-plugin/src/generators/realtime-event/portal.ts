import * as ts from 'typescript';
import { Tree } from 'nx/src/devkit-exports';
import { EventNames } from './event-names';
import { editFile, hasMember, lineAfter, readSource } from './source-edits';

/** `readonly x$ = this.<connection>.on('…')`: a property that is a stream of the connection. */
function streamConnection(member: ts.ClassElement): string | undefined {
  if (!ts.isPropertyDeclaration(member) || !member.initializer) return undefined;
  const call = member.initializer;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const on = call.expression;
  if (on.name.text !== 'on' || !ts.isPropertyAccessExpression(on.expression)) return undefined;
  return on.expression.expression.kind === ts.SyntaxKind.ThisKeyword ? on.expression.name.text : undefined;
}

function sourceFiles(tree: Tree, dir: string): string[] {
  return tree.children(dir).flatMap((child) => {
    const path = `${dir}/${child}`;
    if (!tree.isFile(path)) return sourceFiles(tree, path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The domain's portal events service: the class whose properties are `this.connection.on(…)` streams. */
function findEventsService(tree: Tree, names: EventNames): string {
  const root = `libs/portal/${names.domain}/src`;
  if (!tree.exists(root)) throw new Error(`The domain has no portal library: ${root}`);
  const found = sourceFiles(tree, root).filter((path) =>
    readSource(tree, path).statements.some(
      (s) => ts.isClassDeclaration(s) && s.members.some((m) => streamConnection(m)),
    ),
  );
  if (found.length !== 1)
    throw new Error(
      `Expected one events service (readonly x$ = this.connection.on(…)) in ${root}, found ${found.length}`,
    );
  return found[0];
}

/** A typed stream of the new event, after the service's other streams. */
export function writePortalStream(tree: Tree, names: EventNames): void {
  editFile(tree, findEventsService(tree, names), (source) => {
    const service = source.statements.find(
      (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.members.some((m) => streamConnection(m)),
    ) as ts.ClassDeclaration;
    if (hasMember(service, names.stream)) throw new Error(`${service.name?.text} already has ${names.stream}`);
    const streams = service.members.filter((m) => streamConnection(m));
    const last = streams[streams.length - 1];
    const connection = streamConnection(last);
    return [lineAfter(source, last, `readonly ${names.stream} = this.${connection}.on('${names.event}');`)];
  });
}
