import type { Node } from 'web-tree-sitter';
import { syntaxEvaluationHazard } from './evaluation.js';
import type { BashRedirect, ExtractedScript, RawCommand, StdinSource } from './types.js';

/**
 * Walks a tree-sitter-bash tree and collects every simple command, wherever it sits: lists, pipelines,
 * subshells, loops, function bodies, `$( )`, backticks, process substitutions, heredoc bodies, parameter
 * expansions. Collecting every `command` node instead of following a grammar of known shapes means an
 * unusual construct can hide nothing: the command inside it is still found and checked.
 */
export function extractScript(root: Node): ExtractedScript {
  const out: ExtractedScript = {
    commands: [],
    redirects: [],
    hasSubstitution: false,
    assigned: [],
    mayRerun: false,
  };
  if (root.hasError) {
    out.unanalyzable = 'the command does not parse as bash';
    return out;
  }
  visit(root, out);
  return out;
}

const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
/** Bodies that may run more than once, or later than where they are written. */
const RERUNNING = new Set([
  'for_statement',
  'c_style_for_statement',
  'while_statement',
  'function_definition',
]);
/** `${NAME:=value}` and `${NAME=value}` assign NAME when it is unset. */
const ASSIGNING_EXPANSION = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]]*\])?:?=/;

function visit(node: Node, out: ExtractedScript): void {
  if (SUBSTITUTIONS.has(node.type)) out.hasSubstitution = true;
  if (RERUNNING.has(node.type)) out.mayRerun = true;
  const hazard = syntaxEvaluationHazard(node);
  if (hazard !== undefined) out.unanalyzable ??= hazard;
  switch (node.type) {
    case 'command':
      visitCommand(node, out);
      return;
    case 'redirected_statement': {
      // `bash <<EOF … EOF`, `bash < s.sh`: the redirection sits beside the command, and says what a shell
      // reading its script from standard input runs.
      const body = node.childForFieldName('body');
      const before = out.commands.length;
      if (body) visit(body, out);
      const command =
        body?.type === 'command' && out.commands.length > before ? out.commands.at(-1) : undefined;
      for (const child of node.namedChildren) {
        if (!child || child.id === body?.id) continue;
        visit(child, out);
        const stdin = stdinOf(child);
        if (command && stdin !== undefined) command.stdin = stdin;
      }
      return;
    }
    case 'file_redirect':
      visitRedirect(node, out);
      return;
    case 'variable_assignment': {
      // Reached only outside a command (a command's prefix assignments are read in `visitCommand`):
      // `PATH=./bin; ls` changes what every later command runs.
      const name = node.childForFieldName('name');
      const base = name?.type === 'subscript' ? name.childForFieldName('name') : name;
      out.assigned.push(base?.text ?? node.text);
      break;
    }
    case 'for_statement': {
      // `for PATH in ./bin; do ls; done` assigns the loop variable.
      const variable = node.childForFieldName('variable');
      if (variable) out.assigned.push(variable.text);
      break;
    }
    case 'declaration_command':
      // `declare -n ref=PATH` makes a later `ref=…` assign PATH.
      if (node.namedChildren.some((child) => child?.type === 'word' && /^-[a-zA-Z]*n/.test(child.text))) {
        out.assigned.push('<nameref>');
      }
      break;
    case 'expansion': {
      const assigned = ASSIGNING_EXPANSION.exec(node.text)?.[1];
      if (assigned !== undefined) out.assigned.push(assigned);
      break;
    }
  }
  for (const child of node.namedChildren) if (child) visit(child, out);
}

function visitCommand(node: Node, out: ExtractedScript): void {
  const command: RawCommand = { argv: [], dynamic: [], globbing: [], assignments: [], text: '' };
  let start = -1;
  let end = -1;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    const field = node.fieldNameForChild(i);
    if (child.type === 'variable_assignment') {
      const name = child.childForFieldName('name');
      command.assignments.push(name?.text ?? child.text);
    } else if (child.type === 'file_redirect' || child.type === 'herestring_redirect') {
      visit(child, out);
      const stdin = stdinOf(child);
      if (stdin !== undefined) command.stdin = stdin;
      continue;
    } else if (field === 'name' || field === 'argument') {
      const word = child.type === 'command_name' ? (child.firstNamedChild ?? child) : child;
      const value = staticWordValue(word);
      command.argv.push(value ?? word.text);
      command.dynamic.push(value === undefined);
      command.globbing.push(value === undefined || hasUnquotedGlob(word));
    } else if (!child.isNamed) {
      continue;
    }
    if (start < 0) start = child.startIndex;
    end = child.endIndex;
    // Substitutions inside words run too: collect the commands they contain.
    visitWordParts(child, out);
  }
  command.text = start >= 0 ? sliceSource(node, start, end) : node.text;
  // `FOO=$(cmd)` alone is an assignment, not a command; the substitution inside was collected above.
  if (command.argv.length > 0) out.commands.push(command);
}

function visitWordParts(word: Node, out: ExtractedScript): void {
  const hazard = syntaxEvaluationHazard(word);
  if (hazard !== undefined) out.unanalyzable ??= hazard;
  if (SUBSTITUTIONS.has(word.type)) {
    visit(word, out);
    return;
  }
  for (const part of word.namedChildren) if (part) visit(part, out);
}

function sliceSource(node: Node, start: number, end: number): string {
  const offset = node.startIndex;
  return node.text.slice(start - offset, end - offset);
}

/** What a redirection feeds the command's standard input, if it does. */
function stdinOf(node: Node): StdinSource | undefined {
  if (node.type === 'herestring_redirect') {
    const word = node.namedChildren.find((child) => child !== null);
    const value = word ? staticWordValue(word) : undefined;
    return value === undefined ? { unseen: 'a here-string computed at runtime' } : { script: value };
  }
  if (node.type === 'heredoc_redirect') {
    const start = node.namedChildren.find((child) => child?.type === 'heredoc_start')?.text ?? '';
    const body = node.namedChildren.find((child) => child?.type === 'heredoc_body');
    const quoted = /['"\\]/.test(start);
    // An unquoted delimiter lets the body expand; a body with expansions or escapes is not taken as read.
    if (!quoted && (body?.namedChildren.some((child) => child !== null) || /[\\$`]/.test(body?.text ?? '')))
      return { unseen: 'a heredoc whose body is expanded at runtime' };
    return { script: body?.text ?? '' };
  }
  if (node.type === 'file_redirect') {
    const op = node.children
      .filter((child) => child !== null && !child.isNamed)
      .map((c) => c?.type)
      .join('');
    if (op === '<' || op === '<>') return { unseen: 'a file redirected to its standard input' };
  }
  return undefined;
}

const WRITE_OPS = new Set(['>', '>>', '&>', '&>>', '>|', '<>', '>&']);
const HARMLESS_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);

function visitRedirect(node: Node, out: ExtractedScript): void {
  let op = '';
  for (const child of node.children) {
    if (child && !child.isNamed) op += child.type;
  }
  const destinations = node.childrenForFieldName('destination').filter((d): d is Node => d !== null);
  for (const destination of destinations) {
    visitWordParts(destination, out);
    const value = staticWordValue(destination);
    const target = value ?? destination.text;
    // `2>&1`, `>&-`: duplicating or closing a descriptor touches no file.
    if ((op === '>&' || op === '<&') && /^(\d+|-)$/.test(target)) continue;
    if (value !== undefined && (HARMLESS_TARGETS.has(value) || value.startsWith('/dev/fd/'))) continue;
    const redirect: BashRedirect = { op, target, dynamic: value === undefined, write: WRITE_OPS.has(op) };
    out.redirects.push(redirect);
  }
}

/** An unquoted, unescaped `*`, `?` or `[` in a static word: bash expands it against the file system. */
function hasUnquotedGlob(node: Node): boolean {
  if (node.type === 'word') return /[*?[]/.test(node.text.replace(/\\./gs, ''));
  if (node.type === 'concatenation')
    return node.namedChildren.some((part) => part !== null && hasUnquotedGlob(part));
  return false;
}

/**
 * The value of a word after quote removal, or undefined when it is computed at runtime (expansions,
 * substitutions, globs that may expand to several words, brace expansion, `$'…'` strings).
 */
export function staticWordValue(node: Node): string | undefined {
  switch (node.type) {
    case 'word':
      // An unquoted glob or a `~` can expand to something else; callers that care check for them.
      return node.text.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
    case 'number':
      return node.text;
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      let value = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type !== 'string_content') return undefined;
        value += child.text.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
      }
      return value;
    }
    case 'concatenation': {
      let value = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        const part = staticWordValue(child);
        if (part === undefined) return undefined;
        value += part;
      }
      return value;
    }
    default:
      return undefined;
  }
}
