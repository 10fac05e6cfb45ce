import { latestToolResults } from '../conversation/view.js';
import type { ScenarioDefinition } from './step.js';
import { echoToolResults } from './tool-result-echo.js';

/** The first path the client named as holding a cut tool result in full (`… saved to /x/y.txt …`). */
const SAVED_PATH = /(?:saved to|the full output is in) (\/\S+?\.(?:txt|log))\b/;

export const readSpilledOutputScenario: ScenarioDefinition = {
  name: 'read_spilled_output',
  description:
    'bash printing 40,000 numbered lines (more than a tool result holds), then Read of the file the cut result names, at its end, then text quoting what Read returned.',
  steps: [
    { toolUses: [{ name: 'Bash', input: { command: 'seq 1 40000' } }] },
    (context) => {
      const result = latestToolResults(context.conversation)[0]?.content ?? '';
      const path = SAVED_PATH.exec(result)?.[1];
      if (!path)
        return {
          text: `no saved output path in the tool result:\n${result.slice(0, 500)}`,
          stopReason: 'end_turn',
        };
      return { toolUses: [{ name: 'Read', input: { file_path: path, offset: 39998, limit: 3 } }] };
    },
    echoToolResults('Read returned:'),
  ],
};
