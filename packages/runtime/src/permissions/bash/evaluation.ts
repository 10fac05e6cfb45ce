import type { Node } from 'web-tree-sitter';

/**
 * Places where bash evaluates a value as code. Arithmetic evaluation expands a variable's value as an
 * expression, and an array subscript in it runs command substitutions: with `x='a[$(touch p)]'`,
 * `echo $((x))`, `(( x ))`, `[[ x -eq 1 ]]`, `${arr[x]}`, `test -v "$x"` and `declare -i y=x` all run
 * `touch p`. `${!x}` and `${x@P}` do the same through indirection and prompt expansion. The command
 * that runs is invisible to the analysis, so such a line is unanalysable: never read-only, never
 * covered by a rule, and asked about when deny rules are in force. Operands that are literal numbers
 * (`$((1+2))`, `${a[0]}`, `[[ 3 -gt 2 ]]`) evaluate nothing and stay analysable.
 */
export function syntaxEvaluationHazard(node: Node): string | undefined {
  switch (node.type) {
    case 'arithmetic_expansion':
      return literalArithmetic(node) ? undefined : `\`${short(node.text)}\` evaluates variables as code`;
    case 'compound_statement':
      // `(( expr ))` parses as a compound statement opened by `((`.
      return node.child(0)?.type === '((' && !literalArithmetic(node)
        ? `\`${short(node.text)}\` evaluates variables as code`
        : undefined;
    case 'c_style_for_statement':
      return literalArithmetic(node, 'body')
        ? undefined
        : '`for (( … ))` evaluates variables as arithmetic code';
    case 'subscript': {
      const index = node.childForFieldName('index');
      return index === null || isLiteralIndex(index.text)
        ? undefined
        : `the array subscript \`${short(node.text)}\` is evaluated as arithmetic code`;
    }
    case 'expansion':
      return expansionHazard(node);
    case 'test_command':
      return testCommandHazard(node);
    case 'declaration_command':
      return declarationHazard(node);
    case 'array':
      return node.namedChildren.some((element) => {
        const index = /^\[([^\]]*)\]\+?=/.exec(element?.text ?? '')?.[1];
        return index !== undefined && !isLiteralIndex(index);
      })
        ? `the array assignment \`${short(node.text)}\` evaluates its subscripts as arithmetic code`
        : undefined;
    default:
      return undefined;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LITERAL_NUMBER = /^[+-]?(?:0[xX][0-9a-fA-F]+|[0-9]+(?:#[0-9A-Za-z@_]+)?)$/;
const NUMERIC_TEST_OPERATORS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

function isLiteralIndex(text: string): boolean {
  return text === '@' || text === '*' || LITERAL_NUMBER.test(text.trim());
}

/** Every leaf inside is a number or an operator (`$((1+2))`, `(( 3 > 2 ))`). */
function literalArithmetic(node: Node, skipField?: string): boolean {
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child?.isNamed) continue;
    if (skipField !== undefined && node.fieldNameForChild(i) === skipField) continue;
    if (child.type === 'number' || LITERAL_NUMBER.test(child.text)) continue;
    if (!/_expression$/.test(child.type) || !literalArithmetic(child)) return false;
  }
  return true;
}

function expansionHazard(node: Node): string | undefined {
  const operators = node.children.filter((child) => child !== null && !child.isNamed).map((c) => c?.type);
  // `${!name}` looks the value up as a variable name (which may hold `a[$(cmd)]`); `${!prefix*}` and
  // `${!arr[@]}` only list names or keys.
  if (
    operators[1] === '!' &&
    !/^\$\{!(?:[A-Za-z_][A-Za-z0-9_]*[*@]|[A-Za-z_][A-Za-z0-9_]*\[[@*]\])\}$/.test(node.text)
  )
    return `the indirect expansion \`${short(node.text)}\` can evaluate code`;
  if (/@P\}$/.test(node.text)) return `the prompt expansion \`${short(node.text)}\` runs substitutions`;
  // `${x:offset:length}`: both are arithmetic expressions (`:-`, `:=`, `:+`, `:?` are other operators).
  let afterColon = false;
  for (const child of node.children) {
    if (child === null) continue;
    if (!child.isNamed) afterColon = child.type === ':' ? true : child.type === '}' ? false : afterColon;
    else if (afterColon && child.type !== 'number' && !LITERAL_NUMBER.test(child.text))
      return `the substring offset in \`${short(node.text)}\` is evaluated as arithmetic code`;
  }
  return undefined;
}

function testCommandHazard(node: Node): string | undefined {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Node;
    const operator = current.childForFieldName('operator')?.text ?? current.child(0)?.text;
    if (
      current.type === 'binary_expression' &&
      operator !== undefined &&
      NUMERIC_TEST_OPERATORS.has(operator)
    ) {
      const operands = [current.childForFieldName('left'), current.childForFieldName('right')];
      if (operands.some((operand) => operand === null || !LITERAL_NUMBER.test(operand.text)))
        return `\`${short(current.text)}\` in [[ ]] evaluates its operands as arithmetic code`;
    }
    if (current.type === 'unary_expression' && operator === '-v') {
      const operand = current.namedChildren.find((child) => child?.type !== 'test_operator');
      if (operand === undefined || operand === null || !IDENTIFIER.test(operand.text))
        return `\`${short(current.text)}\` evaluates an array subscript as arithmetic code`;
    }
    for (const child of current.namedChildren) if (child) stack.push(child);
  }
  return undefined;
}

function declarationHazard(node: Node): string | undefined {
  for (const child of node.namedChildren) {
    if (child?.type !== 'word') continue;
    // `declare -i x=…` evaluates every value assigned to x; a `name[sub]` word evaluates its subscript.
    if (/^[-+][a-zA-Z]*i/.test(child.text))
      return `\`${short(node.text)}\` makes assignments arithmetic evaluations`;
    if (child.text.includes('[')) return `\`${short(node.text)}\` evaluates an array subscript`;
  }
  return undefined;
}

/**
 * Builtins that evaluate an argument: `test -v NAME`/`[ -v NAME ]` and `printf -v NAME` evaluate a
 * subscript in NAME; `let` evaluates every argument as arithmetic.
 */
export function commandEvaluationHazard(
  argv: readonly string[],
  dynamic: readonly boolean[],
): string | undefined {
  const name = argv[0];
  const plainName = (i: number): boolean => dynamic[i] !== true && IDENTIFIER.test(argv[i] ?? '');
  if (name === 'test' || name === '[') {
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '-v' && !plainName(i + 1))
        return `\`${name} -v\` evaluates the subscript of a name computed at runtime or written with one`;
    }
  }
  const printfName = argv[1] === '-v' ? argv[2] : argv[1]?.startsWith('-v') ? argv[1].slice(2) : undefined;
  const printfNameDynamic = argv[1] === '-v' ? dynamic[2] === true : dynamic[1] === true;
  if (name === 'printf' && printfName !== undefined && (printfNameDynamic || !IDENTIFIER.test(printfName)))
    return '`printf -v` assigns through a name that is computed at runtime or has a subscript';
  if (name === 'let' && argv.slice(1).some((arg, i) => dynamic[i + 1] === true || !LITERAL_NUMBER.test(arg)))
    return '`let` evaluates its arguments as arithmetic code';
  return undefined;
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
