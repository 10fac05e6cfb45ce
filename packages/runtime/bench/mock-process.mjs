// Helpers shared by the runtime benchmarks. The mock runs in its own process (see @claw/mock-anthropic's
// startMockProcess), so its memory and CPU stay out of the figures of the process being measured.
export { startMockProcess } from '../../mock-anthropic/dist/child-process.js';
export { encodeScript } from '../../mock-anthropic/dist/script-token.js';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
