import { emptyUsage, type Usage } from '@claw/api-client';

/**
 * Adds up token usage and cost. Cost stays undefined as soon as one request used a model without a price:
 * a partial sum would understate what the user pays.
 */
export class UsageMeter {
  private total: Usage = emptyUsage();
  private cost: number | undefined = 0;

  constructor(initial?: { usage: Usage; costUsd: number | undefined }) {
    if (initial) {
      this.total = { ...initial.usage };
      this.cost = initial.costUsd;
    }
  }

  add(usage: Usage, costUsd: number | undefined): void {
    this.total = {
      input_tokens: this.total.input_tokens + usage.input_tokens,
      output_tokens: this.total.output_tokens + usage.output_tokens,
      cache_creation_input_tokens: this.total.cache_creation_input_tokens + usage.cache_creation_input_tokens,
      cache_read_input_tokens: this.total.cache_read_input_tokens + usage.cache_read_input_tokens,
    };
    this.cost = this.cost === undefined || costUsd === undefined ? undefined : this.cost + costUsd;
  }

  get usage(): Usage {
    return { ...this.total };
  }

  get costUsd(): number | undefined {
    return this.cost;
  }
}
