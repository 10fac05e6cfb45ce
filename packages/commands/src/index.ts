export { formatDoctorReport, formatInitReport } from './builtin/setup-commands.js';
export { contextPercent, formatCost, formatTokens } from './format.js';
export type { ParsedSlashCommand } from './parse.js';
export { parseSlashCommand, splitWords } from './parse.js';
export type { CommandRegistry, CommandRegistryOptions, Completion } from './registry.js';
export { createCommandRegistry } from './registry.js';
export { formatTranscript } from './transcript.js';
export type {
  CommandAction,
  CommandContext,
  CommandEngine,
  CommandOutput,
  CommandServices,
  CompactOptions,
  CompletionContext,
  CustomCommandSource,
  DoctorCheck,
  EngineStatusView,
  InitReport,
  InitReportItem,
  InventoryItem,
  InventoryKind,
  LoginMethod,
  McpPromptCommandView,
  MessageView,
  SessionSummary,
  SlashCommand,
  TodoView,
  TurnOverrides,
  UsageReportView,
  UsageView,
} from './types.js';
