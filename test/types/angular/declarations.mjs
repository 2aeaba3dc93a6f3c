// What Angular's compiler reads of `prefetch-elements/angular`, checked against what runs.
//
// ngtsc reads a library directive from its .d.ts: the type arguments of `static ɵdir:
// ɵɵDirectiveDeclaration<Class, "selector", never, {inputs}, {outputs}, …, true>`, as written
// (object type literals, not names of types). At run time the `ɵɵngDeclareDirective` call says
// the same to the linker or to the just-in-time compiler. This script emits the .d.ts as the
// build does, reads those type arguments, compiles the run-time declarations with
// `@angular/compiler` in Node, and fails unless the two agree with each other and with the class
// (a setter per input, an output per output). Run by test/types/run.mjs.
import '@angular/compiler';
import { build } from 'esbuild';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const source = join(root, 'src', 'frameworks', 'angular.ts');
const classes = { AwaitDataDirective: 'await-data', PrefetchLinkDirective: 'prefetch-link' };

/** The .d.ts that the build emits for the Angular entry. */
function emitDeclarations() {
  const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  let text = '';
  const program = ts.createProgram([source], {
    ...options,
    noEmit: false,
    emitDeclarationOnly: true,
    declaration: true,
  });
  program.emit(program.getSourceFile(source), (file, content) => {
    if (file.endsWith('angular.d.ts')) text = content;
  });
  assert.ok(text, 'no .d.ts was emitted for src/frameworks/angular.ts');
  return ts.createSourceFile('angular.d.ts', text, ts.ScriptTarget.Latest, true);
}

/** The names in an object type literal, each with its string value or its `alias`. */
function literalMembers(node) {
  assert.ok(ts.isTypeLiteralNode(node), `expected an object type literal, got ${node.getText()}`);
  return Object.fromEntries(
    node.members.map((member) => {
      const name = member.name.getText().replace(/['"]/g, '');
      const type = member.type;
      const alias = ts.isTypeLiteralNode(type)
        ? type.members.find((m) => m.name.getText() === 'alias').type.getText()
        : type.getText();
      return [name, alias.replace(/['"]/g, '')];
    }),
  );
}

/** What ngtsc reads from each class of the .d.ts. */
function readDeclarations(dts) {
  const found = {};
  for (const statement of dts.statements) {
    if (!ts.isClassDeclaration(statement) || !(statement.name.text in classes)) continue;
    const member = (name) => statement.members.find((m) => m.name?.getText() === name);
    const dir = member('ɵdir');
    assert.ok(
      dir?.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword),
      `${statement.name.text}: no static ɵdir`,
    );
    assert.ok(member('ɵfac'), `${statement.name.text}: no static ɵfac`);
    const args = dir.type.typeArguments;
    found[statement.name.text] = {
      selector: args[1].getText().replace(/['"]/g, ''),
      inputs: literalMembers(args[3]),
      outputs: literalMembers(args[4]),
      standalone: args[7].getText(),
      setters: statement.members.filter(ts.isSetAccessor).map((m) => m.name.getText()),
      properties: statement.members.filter(ts.isPropertyDeclaration).map((m) => m.name.getText()),
    };
  }
  return found;
}

/** The run-time declarations, compiled just in time in Node. */
async function compileDeclarations() {
  const out = join(root, 'node_modules', '.cache', 'prefetch-elements-angular-check');
  mkdirSync(out, { recursive: true });
  const file = join(out, 'angular.mjs');
  const { outputFiles } = await build({ entryPoints: [source], write: false, format: 'esm', platform: 'node' });
  writeFileSync(file, outputFiles[0].text);
  return import(pathToFileURL(file).href);
}

const declared = readDeclarations(emitDeclarations());
const compiled = await compileDeclarations();
for (const [name, tag] of Object.entries(classes)) {
  const dts = declared[name];
  assert.ok(dts, `${name} is not in the .d.ts`);
  assert.equal(dts.selector, tag, `${name}: the .d.ts selector`);
  assert.equal(dts.standalone, 'true', `${name}: standalone in the .d.ts`);
  for (const [input, alias] of Object.entries(dts.inputs)) {
    assert.equal(alias, input, `${name}: input ${input} is bound by its own name`);
    assert.ok(dts.setters.includes(input), `${name}: input ${input} has no setter`);
  }
  for (const [output, alias] of Object.entries(dts.outputs)) {
    assert.equal(alias, output, `${name}: output ${output} is bound by its own name`);
    assert.ok(dts.properties.includes(output), `${name}: output ${output} is not a property`);
  }
  const definition = compiled[name].ɵdir;
  assert.equal(typeof compiled[name].ɵfac, 'function', `${name}: ɵfac compiles to a factory`);
  assert.deepEqual(definition.selectors, [[tag]], `${name}: the run-time selector`);
  assert.equal(definition.standalone, true, `${name}: standalone at run time`);
  assert.deepEqual(Object.keys(definition.inputs).sort(), Object.keys(dts.inputs).sort(), `${name}: inputs`);
  assert.deepEqual(Object.keys(definition.outputs).sort(), Object.keys(dts.outputs).sort(), `${name}: outputs`);
  assert.ok(compiled[name].ɵdir === definition, `${name}: ɵdir is compiled once`);
  console.log(
    `angular: ${name} <${tag}>: ${Object.keys(dts.inputs).length} inputs, ${Object.keys(dts.outputs).length} outputs agree`,
  );
}
