import { z } from 'zod';
import type { Tool } from './tool.js';
import { textResult } from './tool-result.js';

const todoItem = z.strictObject({
  content: z.string().min(1).describe('What needs doing, imperative ("Run the tests").'),
  status: z.enum(['pending', 'in_progress', 'completed']),
  activeForm: z
    .string()
    .min(1)
    .describe('Present continuous form shown while in progress ("Running the tests").'),
});

const todoWriteInput = z.strictObject({
  todos: z.array(todoItem).describe('The complete, updated todo list.'),
});
export type TodoWriteInput = z.infer<typeof todoWriteInput>;

const DESCRIPTION = `Creates and updates a structured task list for the current session, shown to the user.
- Use it for multi-step tasks (3+ steps) or when the user gives several tasks; skip it for trivial ones.
- Send the whole list each time. Keep exactly one task in_progress while working; mark tasks completed as soon as they are done, not in batches.
- Only mark a task completed when it is fully done (tests pass, nothing left unresolved).`;

export function createTodoWriteTool(): Tool<TodoWriteInput> {
  return {
    name: 'TodoWrite',
    aliases: ['todo_write'],
    description: DESCRIPTION,
    inputSchema: todoWriteInput,
    permission: 'read-only',
    concurrencySafe: false,
    summarize: (input) => `TodoWrite(${input.todos.length} items)`,
    async execute(input, ctx) {
      const todos = input.todos.map((todo) => ({ ...todo }));
      ctx.state.todos = todos;
      const inProgress = todos.filter((todo) => todo.status === 'in_progress').length;
      const reminder =
        inProgress > 1 ? ` Note: ${inProgress} tasks are in_progress; keep exactly one in progress.` : '';
      return textResult(
        `Todos have been modified successfully. Keep using the todo list to track your progress and proceed with the current task.${reminder}`,
        { kind: 'todos', todos },
      );
    },
  };
}
