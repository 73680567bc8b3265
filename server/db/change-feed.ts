import { sql } from 'kysely';
import type { Database } from './client';
import { PgListener } from './pg-listener';

/**
 * How the in-memory caches (grid registry, territory tree, session cache) follow the database when
 * several app processes share one PostgreSQL database.
 *
 * A change bumps its topic's version in `state_versions` inside the changing transaction and sends
 * `NOTIFY wangge_state, 'topic:version[:detail]'`, which PostgreSQL delivers at commit (never for a
 * rolled-back change). Every process listens on a connection of its own and reloads what is behind.
 * Notifications sent while a listener is disconnected are lost, so the versions are compared at
 * start, after every reconnect, and every few seconds; a cache that is behind reloads in full.
 * The process that made a change reloads before it answers, so its own users see it at once.
 */
export type Topic = 'grids' | 'divisions' | 'sessions' | 'calendar' | 'catalogue';
export const CHANNEL = 'wangge_state';

export interface Follower {
  /** Bring the cache up to date with the database (a full reload). */
  reload(): Promise<void> | void;
  /** A targeted change (e.g. one session ended); without it the follower reloads in full. */
  apply?(detail: string): void;
}

export interface ChangeFeed {
  /** Inside the changing transaction: bump the topic's version and queue the notification. */
  announce(tx: Database, topic: Topic, detail?: string): Promise<void>;
  /** The versions of some topics as one string: equal stamps mean nothing changed in between. */
  stamp(db: Database, topics: Topic[]): Promise<string>;
  /** After commit, in the process that made the change: reload now, before answering. */
  refresh(topic: Topic): Promise<void>;
  follow(topic: Topic, follower: Follower): void;
  /**
   * False while notifications from other processes could be missed (listener down): caches that
   * must not serve stale answers (sessions) then go to the database every time.
   */
  readonly live: boolean;
  start(): Promise<void>;
  close(): Promise<void>;
  /** For tests: cut the listener's connection. */
  dropListener?(): Promise<void>;
}

class TopicState {
  /** The version the cache reflects; -1 until the first load. */
  known = -1;
  private running: { version: number; done: Promise<void> } | null = null;

  private readonly followers: Follower[] = [];

  constructor(private readonly readVersion: () => Promise<number>) {}

  add(f: Follower): void {
    this.followers.push(f);
  }

  /** Reloads until the cache reflects at least `atLeast`; concurrent callers share one reload. */
  async catchUp(atLeast: number): Promise<void> {
    while (this.known < atLeast) {
      if (this.running) {
        const r = this.running;
        await r.done.catch(() => {});
        if (r.version >= atLeast) return;
        continue;
      }
      const run = this.iterate();
      this.running = run;
      try {
        await run.done;
      } finally {
        if (this.running === run) this.running = null;
      }
    }
  }

  private iterate(): { version: number; done: Promise<void> } {
    const run = { version: 0, done: Promise.resolve() };
    run.done = (async () => {
      // The version is read before the data: a change committed in between is reloaded again, never missed.
      run.version = await this.readVersion();
      for (const f of this.followers) await f.reload();
      this.known = Math.max(this.known, run.version);
    })();
    return run;
  }

  onNotice(version: number, detail: string | undefined): Promise<void> | void {
    if (version <= this.known) return;
    if (detail !== undefined && this.followers.every((f) => f.apply)) {
      for (const f of this.followers) f.apply!(detail);
      this.known = version;
      return;
    }
    return this.catchUp(version);
  }
}

async function versions(db: Database): Promise<Map<string, number>> {
  const r = await sql<{ topic: string; version: number }>`select topic, version from state_versions`.execute(db);
  return new Map(r.rows.map((x) => [x.topic, Number(x.version)]));
}

async function bump(tx: Database, topic: Topic, detail?: string): Promise<void> {
  const r = await sql<{ version: number }>`update state_versions set version = version + 1 where topic = ${topic} returning version`.execute(tx);
  const version = Number(r.rows[0]?.version ?? 0);
  await sql`select pg_notify(${CHANNEL}, ${`${topic}:${version}${detail ? `:${detail}` : ''}`})`.execute(tx);
}

/** Announces a change made outside any app (seeding, the command line): running processes reload. */
export async function announceChange(db: Database, topic: Topic): Promise<void> {
  await db.transaction().execute((tx) => bump(tx, topic));
}

export interface FeedOptions {
  db: Database;
  /** PostgreSQL: listen for other processes' changes. Absent for the embedded database (one process). */
  databaseUrl?: string;
  /** How often versions are compared as a safety net (ms). */
  checkEveryMs?: number;
  onError?: (e: unknown) => void;
}

export function createChangeFeed(opts: FeedOptions): ChangeFeed {
  const { db } = opts;
  const topics = new Map<Topic, TopicState>();
  const onError = opts.onError ?? (() => {});
  let listener: PgListener | null = null;
  let timer: NodeJS.Timeout | null = null;

  const readVersion = (topic: Topic) => async () => (await versions(db)).get(topic) ?? 0;

  /** Compares every topic's version with the database; a follower that is behind reloads in full. */
  async function checkAll(): Promise<void> {
    const current = await versions(db);
    await Promise.all([...topics].map(([topic, state]) => state.catchUp(current.get(topic) ?? 0)));
  }

  function onMessage(payload: string) {
    const [topic, v, ...rest] = payload.split(':');
    const state = topics.get(topic as Topic);
    if (!state) return;
    const detail = rest.length ? rest.join(':') : undefined;
    Promise.resolve(state.onNotice(Number(v), detail)).catch(onError);
  }

  return {
    announce: (tx, topic, detail) => bump(tx, topic, detail),
    async stamp(tx, wanted) {
      const v = await versions(tx);
      return wanted.map((t) => `${t}:${v.get(t) ?? 0}`).join(',');
    },
    async refresh(topic) {
      const state = topics.get(topic);
      if (state) await state.catchUp(await readVersion(topic)());
    },
    follow(topic, follower) {
      // Several caches may follow one topic; they reload in the order they were registered.
      let state = topics.get(topic);
      if (!state) topics.set(topic, (state = new TopicState(readVersion(topic))));
      state.add(follower);
    },
    get live() {
      return listener === null || listener.connected;
    },
    /** Loads every follower (in the order they were registered) and starts listening. */
    async start() {
      const current = await versions(db);
      for (const [topic, state] of topics) await state.catchUp(current.get(topic) ?? 0);
      if (!opts.databaseUrl) return;
      listener = new PgListener(opts.databaseUrl, CHANNEL, {
        onMessage,
        onConnected: () => void checkAll().catch(onError),
        onDisconnected: () => {},
      });
      await listener.start();
      timer = setInterval(() => void checkAll().catch(onError), opts.checkEveryMs ?? 5000);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await listener?.close();
    },
    dropListener: async () => listener?.dropConnection(),
  };
}
