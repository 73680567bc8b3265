import pg from 'pg';

export interface ListenerEvents {
  onMessage(payload: string): void;
  /** Connected (again): notifications sent while the connection was down are lost, so check versions. */
  onConnected(): void;
  onDisconnected(): void;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on a channel and reconnects after it is lost
 * (server restart, network cut), with a growing pause between attempts.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 250;
  private timer: NodeJS.Timeout | null = null;
  connected = false;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly events: ListenerEvents,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload !== undefined) this.events.onMessage(n.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(this.channel)}`);
    } catch {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      this.schedule();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.connected = true;
    this.retryMs = 250;
    this.events.onConnected();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.connected) {
      this.connected = false;
      this.events.onDisconnected();
    }
    client.end().catch(() => {});
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }

  /** For tests: drop the connection as a network cut would. */
  async dropConnection(): Promise<void> {
    const c = this.client;
    if (c) {
      // Ends the backend from the server side, as a restart or a cut would.
      await c.query('select pg_terminate_backend(pg_backend_pid())').catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    this.connected = false;
    if (c) await c.end().catch(() => {});
  }
}
