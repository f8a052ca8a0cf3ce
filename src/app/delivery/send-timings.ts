// How long each platform call took, per platform: from its grant to the moment the request was handed
// to the notifier (the departure: for Teams, after the row was marked on the wire), and from the
// departure to the answer. The rate limiter counts a send in its windows from its grant until a
// window after its answer (rate-limiter.ts), so both spans are taken from what a window allows; these
// figures say how much. A service logs them after each drain, `bench:fanout` prints them (decision
// 17.s11r-1). Samples only, no notice ids: a bounded ring per platform, read and emptied by `take()`.

/** Samples kept per platform between two reads (the latest win). */
const RING = 20_000;

export interface SendTimingSummary {
  readonly platform: string;
  readonly sends: number;
  /** Grant → departure (ms): p50, p99, max. */
  readonly departP50: number;
  readonly departP99: number;
  readonly departMax: number;
  /** Departure → answer (ms): p50, p90, p99, max. */
  readonly answerP50: number;
  readonly answerP90: number;
  readonly answerP99: number;
  readonly answerMax: number;
}

interface Samples {
  depart: number[];
  answer: number[];
  count: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export class SendTimings {
  readonly #byPlatform = new Map<string, Samples>();

  record(platform: string, departMs: number, answerMs: number): void {
    let samples = this.#byPlatform.get(platform);
    if (!samples) {
      samples = { depart: [], answer: [], count: 0 };
      this.#byPlatform.set(platform, samples);
    }
    const i = samples.count % RING;
    samples.depart[i] = departMs;
    samples.answer[i] = answerMs;
    samples.count += 1;
  }

  /** The figures since the last call, one per platform that sent, and forgets them. */
  take(): SendTimingSummary[] {
    const out: SendTimingSummary[] = [];
    for (const [platform, samples] of this.#byPlatform) {
      const depart = [...samples.depart].sort((a, b) => a - b);
      const answer = [...samples.answer].sort((a, b) => a - b);
      const round = (ms: number) => Math.round(ms * 10) / 10;
      out.push({
        platform,
        sends: samples.count,
        departP50: round(quantile(depart, 0.5)),
        departP99: round(quantile(depart, 0.99)),
        departMax: round(depart[depart.length - 1] ?? 0),
        answerP50: round(quantile(answer, 0.5)),
        answerP90: round(quantile(answer, 0.9)),
        answerP99: round(quantile(answer, 0.99)),
        answerMax: round(answer[answer.length - 1] ?? 0),
      });
    }
    this.#byPlatform.clear();
    return out;
  }
}
