import { homedir } from 'node:os';
import { BaseCommand } from '../base-command.js';
import { CliError } from '../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../engine-options.js';

export default class SystemPrompt extends BaseCommand {
  static override summary =
    'Print the system prompt a session here would start with (for debugging memory files).';
  static override description = `Assembles the prompt from the same inputs the engine uses: identity and tool
guidance, environment (cwd, platform, date, git branch and status), memory files (CLAUDE.md, CLAW.md,
AGENTS.md, .claw/rules/*.md, bounded to the git root), skills and --append-system-prompt.
Tools of MCP servers are not listed: that would mean starting the servers.
With --output-format json: {"type":"system_prompt","model","systemPrompt","memoryFiles":[…],"tools":[…],"skills":[…]}.`;
  static override examples = [
    '<%= config.bin %> system-prompt',
    '<%= config.bin %> system-prompt --append-system-prompt "Answer in French."',
    '<%= config.bin %> system-prompt --output-format json',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(SystemPrompt);
    const [runtime, api, tools, plugins] = await Promise.all([
      import('@claw/runtime'),
      import('@claw/api-client'),
      import('@claw/tools'),
      import('@claw/plugins'),
    ]);
    const workspaceRoot = workspaceFrom(flags);
    const configHome = configHomeFrom(process.env);
    const env = process.env;
    const homeDir = env.HOME ?? homedir();
    const loaded = await runtime.loadSettings({
      workspaceRoot,
      configHome,
      ...(flags.model ? { flagOverrides: { model: flags.model } } : {}),
    });
    if (loaded.fatal) {
      throw new CliError('config', runtime.issueToString(loaded.fatal), {
        hint: 'Fix the settings file; claw will not run without your deny rules.',
      });
    }
    const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);
    for (const issue of loaded.errors) warn(runtime.issueToString(issue));
    const effective = runtime.resolveEffectiveModel({
      settings: loaded.settings,
      provenance: loaded.provenance,
      env,
      defaultModel: api.DEFAULT_MODEL,
    });
    const [extensions, memoryFiles, gitInfo] = await Promise.all([
      plugins.loadExtensions({ workspaceRoot, configHome }),
      runtime.loadMemoryFiles({ workspaceRoot, configHome, homeDir, onWarning: warn }),
      runtime.collectGitInfo(workspaceRoot),
    ]);
    for (const issue of extensions.issues) warn(`${issue.path}: ${issue.message}`);
    // The engine's tool list: built-ins, then plugin tools and the Skill tool (MCP tools need live servers).
    const toolNames = [
      ...tools.createBuiltinTools().map((t) => t.name),
      ...extensions.tools.map((t) => t.name),
      ...(extensions.skills.length > 0
        ? [plugins.createSkillTool({ skills: () => extensions.skills }).name]
        : []),
    ];
    const skills = extensions.skills.map((s) => ({ name: s.name, description: s.description }));
    const systemPrompt = runtime.buildSystemPrompt({
      cwd: workspaceRoot,
      platform: process.platform,
      date: new Date(),
      model: effective.model,
      gitInfo,
      memoryFiles,
      toolNames,
      skills,
      ...(flags['append-system-prompt'] ? { appendSystemPrompt: flags['append-system-prompt'] } : {}),
    });
    if (this.isJson(flags)) {
      this.writeJson({
        type: 'system_prompt',
        model: effective.model,
        systemPrompt,
        memoryFiles: memoryFiles.map((f) => ({
          path: f.path,
          scope: f.scope,
          bytes: f.bytes,
          truncated: f.truncated,
        })),
        tools: toolNames,
        skills,
      });
      return;
    }
    process.stdout.write(systemPrompt.endsWith('\n') ? systemPrompt : `${systemPrompt}\n`);
  }
}
