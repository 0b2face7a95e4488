import type { Server } from "node:http";
import type { Socket } from "node:net";

/** How long a connection over the cap has to send the request it is answered 503 to. */
const OVER_CAP_GRACE_MS = 2_000;

/**
 * Caps the server's open connections at `max`. A connection that arrives at the cap first makes
 * room by closing the idle keep-alive connections (clients open new ones when they need them); if
 * the server is still full when its request comes, it gets one `503 ServiceUnavailableException`
 * (which the AWS SDKs retry) and is closed, or it is dropped if it sends nothing within 2 s. Past
 * twice the cap Node closes new connections before reading a byte (`server.maxConnections`).
 */
export class ConnectionLimit {
  private open = 0;
  private readonly overCap = new WeakSet<Socket>();

  constructor(
    private readonly server: Server,
    readonly max: number,
  ) {
    server.maxConnections = max * 2;
    server.on("connection", (socket: Socket) => this.opened(socket));
  }

  /** Whether a request on this connection is refused because the server is full. */
  isOverCap(socket: Socket): boolean {
    if (!this.overCap.has(socket)) return false;
    if (this.open > this.max) return true;
    // Room was made since it connected: an ordinary connection from now on.
    this.overCap.delete(socket);
    socket.setTimeout(0);
    return false;
  }

  private opened(socket: Socket): void {
    this.open++;
    socket.once("close", () => {
      this.open--;
    });
    if (this.open <= this.max) return;
    this.overCap.add(socket);
    socket.setTimeout(OVER_CAP_GRACE_MS, () => socket.destroy());
    this.server.closeIdleConnections();
  }
}
