import type { PermissionAnswer, PermissionPrompter, PermissionPromptRequest } from '@claw/runtime';
import type { Style } from '../render/style.js';
import { visibleWidth, wrapAnsi } from '../render/text-width.js';
import { isCtrlC, type Key, type Keyboard } from './keyboard.js';
import { createLineReader } from './line-reader.js';

export interface PrompterDeps {
  keyboard: Pick<Keyboard, 'push'>;
  write(text: string): void;
  columns(): number;
  style: Style;
  /** Called before drawing (stops the spinner, commits streamed text) and after answering. */
  beforePrompt?(): void;
  afterPrompt?(answer: PermissionAnswer): void;
  /** Ctrl-C on the prompt cancels the whole turn, not just this tool. */
  onInterrupt?(): void;
}

interface Choice {
  label: string;
  answer: PermissionAnswer['decision'];
}

function choicesFor(request: PermissionPromptRequest): Choice[] {
  // Without a rule that is safe to offer (a Bash line of several commands) only "once" is offered.
  const rule = request.suggestedRule;
  return [
    { label: 'Yes', answer: 'allow-once' },
    ...(rule === undefined
      ? []
      : ([
          { label: `Yes, and don't ask again for ${request.toolName} this session`, answer: 'allow-session' },
          { label: `Yes, and always allow ${rule} (saved to settings)`, answer: 'allow-always' },
        ] as const)),
    { label: 'No, and tell claw what to do differently (esc)', answer: 'deny' },
  ];
}

/**
 * Why the tool needs asking, as prose wrapped under the command. The runtime's reason names the call again
 * (`Bash(x) needs …`); the menu already shows it one row up, so that prefix is dropped.
 */
function reasonRows(request: PermissionPromptRequest, columns: number, style: Style): string[] {
  if (!request.reason) return [];
  const reason = request.reason.startsWith(`${request.summary} `)
    ? request.reason.slice(request.summary.length + 1)
    : request.reason;
  return wrapAnsi(`  ${reason}`, columns, '  ').map((row) => style.gray(row));
}

/** The question and the numbered choices, rows joined with CRLF. */
function drawMenu(
  request: PermissionPromptRequest,
  choices: Choice[],
  selected: number,
  style: Style,
  columns: number,
): string {
  const lines = [
    style.bold(style.yellow(`${request.toolName} wants to run`)),
    `  ${request.summary}`,
    ...reasonRows(request, columns, style),
    'Do you want to proceed?',
    ...choices.map((c, i) =>
      i === selected ? style.cyan(`❯ ${i + 1}. ${c.label}`) : `  ${i + 1}. ${c.label}`,
    ),
  ];
  return lines.join('\r\n');
}

/**
 * The REPL's PermissionPrompter: a numbered menu (1–4, arrows + Enter, Esc = deny), then for a denial an
 * optional line of feedback that goes back to the model with the denial.
 */
export function createTerminalPrompter(deps: PrompterDeps): PermissionPrompter {
  const ask = askOnTerminal(deps);
  // Parallel tool calls (two sub-agents) may ask at once: one menu owns the screen and the keyboard at a
  // time, the next is drawn when the previous one is answered.
  let previous: Promise<unknown> = Promise.resolve();
  return (request, signal) => {
    const answer = previous.then(() => ask(request, signal));
    previous = answer.catch(() => undefined);
    return answer;
  };
}

function askOnTerminal(deps: PrompterDeps): PermissionPrompter {
  return async (request, signal) => {
    deps.beforePrompt?.();
    const choices = choicesFor(request);
    let selected = 0;
    let drawnRows = 0;
    const up = () => (drawnRows ? `\u001b[${drawnRows}A` : '');
    const draw = () => {
      const menu = drawMenu(request, choices, selected, deps.style, deps.columns());
      deps.write(`${up()}\r\u001b[J${menu}`);
      drawnRows = rowsOf(menu, deps.columns()) - 1;
    };
    draw();
    const decision = await new Promise<PermissionAnswer['decision'] | 'interrupt'>((resolve) => {
      const finish = (value: PermissionAnswer['decision'] | 'interrupt') => {
        pop();
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = () => finish('interrupt');
      signal.addEventListener('abort', onAbort, { once: true });
      const pop = deps.keyboard.push((text: string | undefined, key: Key) => {
        if (isCtrlC(text, key)) return finish('interrupt');
        if (key.name === 'escape') return finish('deny');
        const digit = Number.parseInt(text ?? '', 10);
        if (digit >= 1 && digit <= choices.length) return finish((choices[digit - 1] as Choice).answer);
        if (key.name === 'up' || key.name === 'down') {
          selected = (selected + (key.name === 'up' ? choices.length - 1 : 1)) % choices.length;
          draw();
        } else if (key.name === 'return' || key.name === 'enter') {
          finish((choices[selected] as Choice).answer);
        }
      });
      if (signal.aborted) onAbort();
    });
    // The menu collapses to the one-line answer below, keeping the transcript compact.
    deps.write(`${up()}\r\u001b[J`);
    let answer: PermissionAnswer;
    if (decision === 'interrupt') {
      deps.onInterrupt?.();
      answer = { decision: 'deny' };
    } else if (decision === 'deny') {
      const feedback = await readFeedback(deps, signal);
      answer = feedback ? { decision: 'deny', feedback } : { decision: 'deny' };
    } else {
      answer = { decision };
    }
    deps.write(`${deps.style.gray(`  ⎿  ${answerLabel(answer)}`)}\r\n`);
    deps.afterPrompt?.(answer);
    return answer;
  };
}

/** Terminal rows a drawn block takes, counting the rows its long lines wrap onto. */
function rowsOf(block: string, columns: number): number {
  const width = Math.max(1, columns);
  return block
    .split('\r\n')
    .reduce((rows, line) => rows + Math.max(1, Math.ceil(visibleWidth(line) / width)), 0);
}

function answerLabel(answer: PermissionAnswer): string {
  switch (answer.decision) {
    case 'allow-once':
      return 'Allowed once';
    case 'allow-session':
      return 'Allowed for this session';
    case 'allow-always':
      return 'Always allowed (rule saved)';
    case 'deny':
      return answer.feedback ? `Denied: ${answer.feedback}` : 'Denied';
  }
}

const FEEDBACK_QUESTION = 'Tell claw what to do instead (Enter to skip):';
const FEEDBACK_PROMPT = '> ';

/** One line of feedback for the model; the question and the typed line then give way to the answer row. */
async function readFeedback(deps: PrompterDeps, signal: AbortSignal): Promise<string | undefined> {
  if (signal.aborted) return undefined;
  deps.write(`${deps.style.gray(FEEDBACK_QUESTION)}\r\n`);
  const readLine = createLineReader({ keyboard: deps.keyboard, write: deps.write, columns: deps.columns });
  const typed = await readLine(FEEDBACK_PROMPT, { signal, transient: true });
  deps.write(`\u001b[${rowsOf(FEEDBACK_QUESTION, deps.columns())}A\r\u001b[J`);
  return typed?.trim() || undefined;
}
