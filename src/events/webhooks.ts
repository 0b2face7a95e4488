import type { Store, StoreTx } from "../store/port.js";
import type { EventRecord, WebhookRecord } from "../store/records.js";
import type { Logger } from "../util/logger.js";
import type { EventDelivery } from "./delivery.js";

/**
 * Webhook delivery from the event log (the outbox the domain writes in each request's
 * transaction). Each webhook gets its account's events strictly in log order, one at a time, as a
 * JSON POST of the EventBridge envelope; a failure retries the same event with capped exponential
 * backoff, so delivery is at least once and never reordered. Progress is stored after every
 * success, so a restarted server resumes where it stopped.
 *
 * Everything runs in the background: `wake()` only schedules a pass, and request paths never wait
 * for a webhook.
 */

export interface WebhookDispatcherOptions {
  /** Fallback poll for events and webhook changes. */
  pollMs?: number;
  /** Per-attempt limit (connect, response and body). */
  timeoutMs?: number;
  /** First retry delay; doubles per consecutive failure up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Events read from the log per store round trip. */
  batchSize?: number;
}

const DEFAULTS: Required<WebhookDispatcherOptions> = {
  pollMs: 500,
  timeoutMs: 5_000,
  initialBackoffMs: 100,
  maxBackoffMs: 30_000,
  batchSize: 100,
};

/** Bytes of a webhook's answer read; past them the answer is dropped with its connection. */
const MAX_ANSWER_BYTES = 16 * 1024;

/** The longest `stop()` waits for deliveries it aborted to unwind. */
const STOP_GRACE_MS = 2_000;

interface Worker {
  readonly id: string;
  readonly accountId: string;
  readonly url: string;
  deliveredSeq: number;
  /** Consecutive failures of the event at the head of the queue. */
  failures: number;
  /** The drain in progress, if any. */
  running?: Promise<void>;
  /** Woken while draining: look again before going idle. */
  again: boolean;
  /** Waiting out a backoff before retrying. */
  retryTimer?: NodeJS.Timeout;
  /** Aborts the attempt in flight. */
  inFlight?: AbortController;
  cancelled: boolean;
}

export class WebhookDispatcher implements EventDelivery {
  private readonly options: Required<WebhookDispatcherOptions>;
  private readonly workers = new Map<string, Worker>();
  private pollTimer?: NodeJS.Timeout;
  private syncScheduled = false;
  private syncing?: Promise<void>;
  private syncAgain = false;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    options: WebhookDispatcherOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Starts the fallback poll and a first pass (resuming webhooks stored before a restart). */
  start(): void {
    if (this.stopped || this.pollTimer) return;
    this.pollTimer = setInterval(() => this.wake(), this.options.pollMs);
    this.pollTimer.unref();
    this.wake();
  }

  /** Schedules a pass soon; never blocks the caller. */
  wake(): void {
    if (this.stopped || this.syncScheduled) return;
    this.syncScheduled = true;
    setImmediate(() => {
      this.syncScheduled = false;
      this.sync();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    const pending: Promise<void>[] = [];
    for (const worker of this.workers.values()) {
      this.cancel(worker);
      if (worker.running) pending.push(worker.running);
    }
    if (this.syncing) pending.push(this.syncing);
    this.workers.clear();
    // Aborted fetches unwind at once; the cap only guards against a stuck store call.
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(pending),
      new Promise<void>((resolve) => {
        grace = setTimeout(resolve, STOP_GRACE_MS);
        grace.unref();
      }),
    ]);
    clearTimeout(grace);
  }

  /** Reloads the webhook list, then lets every idle worker drain. One pass at a time. */
  private sync(): void {
    if (this.stopped) return;
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = this.reload()
      .catch((err: unknown) => this.logger.warn({ err }, "webhook list could not be read"))
      .finally(() => {
        this.syncing = undefined;
        if (this.syncAgain) {
          this.syncAgain = false;
          this.sync();
        }
      });
  }

  private async reload(): Promise<void> {
    const hooks = await this.store.transaction((tx) => tx.webhooks.list(), { readonly: true });
    if (this.stopped) return;
    const live = new Set(hooks.map((h) => h.id));
    for (const worker of this.workers.values()) {
      if (!live.has(worker.id)) this.retire(worker);
    }
    for (const hook of hooks) {
      let worker = this.workers.get(hook.id);
      if (!worker) {
        worker = newWorker(hook);
        this.workers.set(hook.id, worker);
      }
      this.kick(worker);
    }
  }

  private kick(worker: Worker): void {
    if (this.stopped || worker.cancelled || worker.retryTimer) return;
    if (worker.running) {
      worker.again = true;
      return;
    }
    worker.running = this.drainLoop(worker);
  }

  private async drainLoop(worker: Worker): Promise<void> {
    try {
      do {
        worker.again = false;
        await this.drain(worker);
      } while (worker.again && !worker.retryTimer && !worker.cancelled && !this.stopped);
    } catch (err) {
      // A store error (e.g. during shutdown): back off like a failed delivery.
      if (!worker.cancelled && !this.stopped) {
        this.logger.warn({ err, webhook: worker.id }, "webhook delivery paused after a store error");
        this.scheduleRetry(worker);
      }
    } finally {
      worker.running = undefined;
    }
  }

  /** Delivers the worker's pending events in order until the log is empty or an attempt fails. */
  private async drain(worker: Worker): Promise<void> {
    for (;;) {
      // Log reads take the write lock: a read beside a write transaction in progress could see
      // events that transaction has not committed (and might still roll back).
      const batch = await this.store.transaction(async (tx) =>
        (await webhookExists(tx, worker.id))
          ? tx.events.listAfter(worker.accountId, worker.deliveredSeq, this.options.batchSize)
          : undefined,
      );
      if (batch === undefined) return this.retire(worker);
      if (batch.length === 0 || this.stopped || worker.cancelled) return;

      for (const event of batch) {
        const ok = await this.post(worker, event);
        if (this.stopped || worker.cancelled) return;
        if (!ok) return this.scheduleRetry(worker);
        worker.failures = 0;
        worker.deliveredSeq = event.seq;
        const stillThere = await this.store.transaction(async (tx) => {
          if (!(await webhookExists(tx, worker.id))) return false;
          await tx.webhooks.setDelivered(worker.id, event.seq);
          return true;
        });
        if (!stillThere) return this.retire(worker);
      }
    }
  }

  /** One attempt: success is any 2xx within the timeout. */
  private async post(worker: Worker, event: EventRecord): Promise<boolean> {
    const abort = new AbortController();
    worker.inFlight = abort;
    try {
      const res = await fetch(worker.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "partnercentral-local",
          "x-pclocal-event-seq": String(event.seq),
          "x-pclocal-webhook-id": worker.id,
        },
        body: JSON.stringify(event.event),
        redirect: "manual",
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      // Read a small answer so the connection can be reused; the timeout covers it too.
      await readAtMost(res, MAX_ANSWER_BYTES);
      if (res.status >= 200 && res.status < 300) return true;
      this.failed(worker, event, `HTTP ${res.status}`);
      return false;
    } catch (err) {
      if (!abort.signal.aborted) this.failed(worker, event, describe(err));
      return false;
    } finally {
      if (worker.inFlight === abort) worker.inFlight = undefined;
    }
  }

  private failed(worker: Worker, event: EventRecord, reason: string): void {
    // The first failure of an event is worth a warning; its retries are noise.
    const level = worker.failures === 0 ? "warn" : "debug";
    this.logger[level](
      { webhook: worker.id, url: worker.url, seq: event.seq, attempt: worker.failures + 1, reason },
      "webhook delivery failed; will retry",
    );
  }

  /** Retries the same event after 100 ms, 200 ms, 400 ms … up to the cap, ±10 % jitter. */
  private scheduleRetry(worker: Worker): void {
    if (this.stopped || worker.cancelled) return;
    const { initialBackoffMs, maxBackoffMs } = this.options;
    const base = Math.min(maxBackoffMs, initialBackoffMs * 2 ** Math.min(worker.failures, 30));
    worker.failures++;
    const delay = Math.round(base * (0.9 + Math.random() * 0.2));
    worker.retryTimer = setTimeout(() => {
      worker.retryTimer = undefined;
      this.kick(worker);
    }, delay);
    worker.retryTimer.unref();
  }

  /** The webhook was deleted (or the store reset): stop it for good. */
  private retire(worker: Worker): void {
    this.cancel(worker);
    if (this.workers.get(worker.id) === worker) this.workers.delete(worker.id);
  }

  private cancel(worker: Worker): void {
    worker.cancelled = true;
    clearTimeout(worker.retryTimer);
    worker.retryTimer = undefined;
    worker.inFlight?.abort();
  }
}

const newWorker = (hook: WebhookRecord): Worker => ({
  id: hook.id,
  accountId: hook.accountId,
  url: hook.url,
  deliveredSeq: hook.deliveredSeq,
  failures: 0,
  again: false,
  cancelled: false,
});

async function webhookExists(tx: StoreTx, id: string): Promise<boolean> {
  return (await tx.webhooks.get(id)) !== undefined;
}

/** The seq of the account's newest event (0 if none). A new webhook starts after it. */
export async function lastEventSeq(tx: StoreTx, accountId: string): Promise<number> {
  return tx.events.lastSeq(accountId);
}

/** Reads the answer up to `limit` bytes, then cancels it (closing its connection) if there is more. */
async function readAtMost(res: Response, limit: number): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.byteLength;
    if (read > limit) {
      await reader.cancel();
      return;
    }
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === "TimeoutError") return "timed out";
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? err.message;
}
