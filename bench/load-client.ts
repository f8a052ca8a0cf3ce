// The main thread's side of the load generator (load-client.worker.ts): start it, send it a round,
// get the timings back.
import { once } from "node:events";
import { Worker } from "node:worker_threads";

export interface LoadRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LoadRound {
  readonly seconds: number;
  readonly results: readonly { status: number; ms: number; body: string }[];
}

export class LoadClient {
  private constructor(private readonly worker: Worker) {}

  static async start(): Promise<LoadClient> {
    const worker = new Worker(new URL("./load-client.worker.mjs", import.meta.url));
    await once(worker, "message");
    return new LoadClient(worker);
  }

  async round(requests: readonly LoadRequest[]): Promise<LoadRound> {
    const answer = once(this.worker, "message");
    this.worker.postMessage({ kind: "round", requests });
    const [round] = (await answer) as [LoadRound];
    return round;
  }

  async stop(): Promise<void> {
    this.worker.postMessage({ kind: "stop" });
    await this.worker.terminate();
  }
}
