// The page's side of the playground worker: one request at a time. A new request while the
// worker is busy terminates it (cancel on change: a synchronous evaluation cannot be interrupted
// any other way) and starts a fresh one; an idle worker is reused. A request that takes longer
// than HARD_LIMIT_MS is stopped the same way (the worker's own budgets should make that rare).
import type { ComputeRequest, ContourMessage, ProgressMessage, ResultMessage, WorkerReply } from "./playground-protocol";

export const HARD_LIMIT_MS = 20_000;

export interface ComputeHandlers {
  onProgress(m: ProgressMessage): void;
  onContour(m: ContourMessage): void;
  onResult(m: ResultMessage): void;
  onFormulaError(message: string): void;
  /** The worker failed, or was stopped at the hard limit. */
  onFailure(message: string): void;
}

export class PlaygroundCompute {
  private worker: Worker | null = null;
  private busy = false;
  private nextId = 1;
  private current = 0;
  private timer = 0;
  private handlers: ComputeHandlers | null = null;

  private spawn(): Worker {
    const w = new Worker(new URL("./playground-worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (e: MessageEvent<WorkerReply>) => this.receive(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.finish();
      this.drop();
      this.handlers?.onFailure(`the computation failed: ${e.message || "the worker stopped"}`);
    };
    return w;
  }

  private drop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.busy = false;
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.busy = false;
  }

  private receive(m: WorkerReply): void {
    if (m.id !== this.current || !this.handlers) return; // a cancelled request's late message
    switch (m.type) {
      case "progress":
        this.handlers.onProgress(m);
        break;
      case "contour":
        this.handlers.onContour(m);
        break;
      case "result":
        this.finish();
        this.handlers.onResult(m);
        break;
      case "formula-error":
        this.finish();
        this.handlers.onFormulaError(m.message);
        break;
      case "failure":
        this.finish();
        this.handlers.onFailure(m.message);
        break;
    }
  }

  /** Starts a computation; the previous one, if still running, is cancelled. */
  request(req: Omit<ComputeRequest, "id">, handlers: ComputeHandlers): void {
    this.cancel();
    if (!this.worker) this.worker = this.spawn();
    this.handlers = handlers;
    this.current = this.nextId++;
    this.busy = true;
    const id = this.current;
    this.timer = window.setTimeout(() => {
      if (this.current !== id || !this.busy) return;
      this.drop();
      handlers.onFailure(`Stopped after ${HARD_LIMIT_MS / 1000} s: this surface is too slow to compute here.`);
    }, HARD_LIMIT_MS);
    this.worker.postMessage({ ...req, id } satisfies ComputeRequest);
  }

  /** Stops what is running (the worker is terminated only if it is busy). */
  cancel(): void {
    clearTimeout(this.timer);
    if (this.busy) this.drop();
    this.current = 0;
  }

  get running(): boolean {
    return this.busy;
  }
}
