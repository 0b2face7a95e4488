import { connect, type Socket } from "node:net";

export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Bytes this side has handed to the socket. */
  written(): number;
  /** Resolves when the server closed (or reset) the connection, with the ms since it opened. */
  closed: Promise<number>;
  /** `closed`, or NaN (and the connection dropped) if it is still open after `ms`. */
  closedWithin(ms: number): Promise<number>;
  /** Writes unless the connection is gone; false once it is. */
  write(data: string | Buffer): boolean;
  /** Resolves once the server's answer contains `text` (rejects after `timeoutMs`). */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  end(): void;
}

/** A plain TCP connection to 127.0.0.1:`port`, for requests no HTTP client would send. */
export function rawConnection(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const opened = Date.now();
    let text = "";
    let written = 0;
    let gone = false;
    const waiters: (() => void)[] = [];
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      text += chunk;
      for (const w of waiters.splice(0)) w();
    });
    const closed = new Promise<number>((done) => {
      socket.on("close", () => {
        gone = true;
        for (const w of waiters.splice(0)) w();
        done(Date.now() - opened);
      });
    });
    socket.on("error", () => {
      gone = true;
    });
    socket.once("connect", () =>
      resolve({
        socket,
        received: () => text,
        written: () => written,
        closed,
        closedWithin: (ms) =>
          Promise.race([closed, sleep(ms).then(() => Number.NaN)]).finally(() => socket.destroy()),
        write(data) {
          if (gone || socket.destroyed) return false;
          written += Buffer.byteLength(data);
          socket.write(data);
          return true;
        },
        waitFor(wanted, timeoutMs = 5_000) {
          return new Promise((ok, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`no ${JSON.stringify(wanted)} in: ${text}`)),
              timeoutMs,
            );
            const check = () => {
              if (text.includes(wanted)) {
                clearTimeout(timer);
                ok(text);
              } else if (gone) {
                clearTimeout(timer);
                fail(new Error(`closed without ${JSON.stringify(wanted)}; got: ${text}`));
              } else waiters.push(check);
            };
            check();
          });
        },
        end: () => socket.destroy(),
      }),
    );
    socket.once("error", reject);
  });
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
