/**
 * A fake Discord on 127.0.0.1 for end-to-end tests: the REST routes a bot calls and a gateway
 * WebSocket, speaking the real protocol to the real discord.js client. It behaves like Discord
 * where a bot can get it wrong: every message, autocomplete answer and command definition is
 * checked against Discord's documented limits and refused with a 400 like Discord's; an
 * interaction must be answered within 3 seconds and only once. Faults can be injected on any
 * REST route: a 429 with retry_after, an error such as 10062 Unknown interaction, or a request
 * that is never answered.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const APP_ID = '111111111111111111';
export const BOT_ID = APP_ID;

// A counter in the low bits: two ids made in the same millisecond never collide.
let sequence = 0;
const snowflake = () => ((BigInt(Date.now() - 1420070400000) << 22n) | BigInt(sequence++ & 0x3fffff)).toString();

export interface RecordedResponse {
  kind: 'callback' | 'edit' | 'followup';
  /** Interaction callback type (4 reply, 5 deferred, 7 update, 8 autocomplete) for callbacks. */
  type?: number;
  data: Record<string, any>;
  at: number;
}

export class InteractionRecord {
  readonly responses: RecordedResponse[] = [];
  /** Updates (callback type 7) of this record's message by components pressed on it. */
  readonly updates: RecordedResponse[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  constructor(
    readonly id: string,
    readonly token: string,
    readonly sentAt: number,
    readonly payload: Record<string, any>,
    /** For a component: the interaction whose message it sits on. */
    readonly origin?: InteractionRecord,
  ) {}

  record(response: RecordedResponse): void {
    this.responses.push(response);
    this.waiters = this.waiters.filter((w) => {
      if (this.responses.length >= w.count) w.resolve();
      return this.responses.length < w.count;
    });
  }

  /** Resolves when `count` responses (callback, edits, follow-ups) have arrived. */
  waitFor(count = 1, timeoutMs = 5000): Promise<RecordedResponse[]> {
    if (this.responses.length >= count) return Promise.resolve(this.responses);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`interaction ${this.payload.data?.name ?? this.payload.data?.custom_id}: ${this.responses.length} of ${count} responses after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.responses);
        },
      });
    });
  }

  /**
   * The message this interaction answered with, as the user finally sees it: the reply, then
   * every edit or update over it (as on Discord, a field an edit leaves out stays as it was).
   */
  get shown(): Record<string, any> | undefined {
    return merged(this.responses.filter((r) => r.kind !== 'followup' && r.type !== 5));
  }

  /** The same message after what components pressed on it changed (Previous, Next, a select). */
  get message(): Record<string, any> | undefined {
    return merged([...this.responses.filter((r) => r.kind !== 'followup' && r.type !== 5), ...this.updates].sort((a, b) => a.at - b.at));
  }
}

function merged(responses: RecordedResponse[]): Record<string, any> | undefined {
  if (responses.length === 0) return undefined;
  return Object.assign({}, ...responses.map((r) => r.data));
}

interface Session {
  socket: WebSocket;
  shard: [number, number];
  sessionId: string;
  seq: number;
  acking: boolean;
  /** Events sent, for replay on resume. */
  sent: { s: number; payload: string }[];
}

/** An option as Discord sends it; a subcommand (type 1) holds its own options. */
export interface InvocationOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InvocationOption[];
}

/** An attachment as Discord describes it in `data.resolved.attachments`. */
export interface AttachmentPayload {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
}

export interface AttachOptions {
  /** The size Discord states (default: the content's). */
  size?: number;
  content_type?: string;
  /** The Content-Length the CDN answers with; null for none (a chunked body). Default: the content's. */
  contentLength?: number | null;
  /** The CDN sends the content this many times over (a file bigger than stated). */
  repeat?: number;
  /** The URL Discord gives for it (default: the fake's CDN). */
  url?: string;
}

/** A download of an attachment from the fake's CDN. */
export interface Download {
  path: string;
  bytesSent: number;
  /** The client hung up before the whole body was sent. */
  aborted: boolean;
  /** Settles when the response has ended, sent whole or cut off. */
  ended: Promise<void>;
}

export interface CommandInvocation {
  name: string;
  options?: InvocationOption[];
  /** Files attached to the command (options of type 11 name them by id). */
  attachments?: AttachmentPayload[];
  userId?: string;
  guildId?: string;
  locale?: string;
  /** The member's permissions bit set, as Discord sends it. */
  permissions?: string;
}

export interface FakeOptions {
  guilds?: string[];
  /** Shards recommended by GET /gateway/bot. */
  shards?: number;
  /** Sent in HELLO; short in tests of missed heartbeat acknowledgements. */
  heartbeatInterval?: number;
}

/** What a faulty route does with a request: never answer it, or answer with this error. */
export type FaultAnswer = { hang: true } | { status: number; body: Record<string, unknown>; retryAfterSeconds?: number };

export class Fault {
  /** `METHOD /path` of every request the fault took, in order. */
  readonly hits: string[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  active = true;
  constructor(
    readonly route: RegExp,
    readonly answer: FaultAnswer,
    /** How many requests it takes before it stops (Infinity: until removed). */
    public remaining: number,
  ) {}

  take(route: string): boolean {
    if (!this.active || this.remaining <= 0 || !this.route.test(route)) return false;
    this.remaining--;
    this.hits.push(route);
    this.waiters = this.waiters.filter((w) => {
      if (this.hits.length >= w.count) w.resolve();
      return this.hits.length < w.count;
    });
    return true;
  }

  /** Resolves once the fault has taken `count` requests. */
  waitForHits(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.hits.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fault ${this.route}: ${this.hits.length} of ${count} requests after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Resolves once every one of these interactions has met the fault (all are in flight). */
  async waitForInteractions(records: InteractionRecord[], timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    const met = () => records.every((r) => this.hits.some((h) => h.includes(`/${r.id}/`) || h.includes(`/${r.token}`)));
    while (!met()) {
      if (Date.now() > until) throw new Error(`fault ${this.route}: not every interaction reached it after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The route behaves again. */
  remove(): void {
    this.active = false;
  }
}

export class FakeDiscord {
  readonly requests: { method: string; path: string; body: any; status: number }[] = [];
  /** Registered command lists by route, as last PUT. */
  readonly commands = new Map<string, any[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly identifies: { shard: [number, number] }[] = [];
  readonly resumes: string[] = [];
  sessions: Session[] = [];
  /** Webhook requests to answer with 429 before serving them. */
  rateLimitNext = 0;
  retryAfterSeconds = 0.2;
  /** Every download from the CDN, in order. */
  readonly downloads: Download[] = [];
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private readonly files = new Map<string, { bytes: Uint8Array; contentType: string; contentLength: number | null; repeat: number }>();
  private faults: Fault[] = [];
  private readonly guildList: string[];
  private readonly shardCount: number;
  private readonly heartbeatInterval: number;
  private wss!: WebSocketServer;
  private http!: Server;
  port = 0;

  private constructor(options: FakeOptions) {
    this.guildList = options.guilds ?? ['222222222222222222'];
    this.shardCount = options.shards ?? 1;
    this.heartbeatInterval = options.heartbeatInterval ?? 41250;
  }

  static async start(options: FakeOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.http = createServer((req, res) => void fake.onRequest(req, res));
    fake.wss = new WebSocketServer({ server: fake.http });
    fake.wss.on('connection', (socket) => fake.onConnection(socket));
    await new Promise<void>((resolve) => fake.http.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.http.address() as AddressInfo).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  /** Where attachments are served, as Discord's cdn.discordapp.com. */
  get cdnUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }
  get guilds(): string[] {
    return this.guildList;
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---------------------------------------------------------------------------------------------
  // Gateway

  private onConnection(socket: WebSocket): void {
    const session: Session = { socket, shard: [0, 1], sessionId: '', seq: 0, acking: true, sent: [] };
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatInterval }, s: null, t: null }));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.op === 1) {
        if (session.acking) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (message.op === 2) {
        session.shard = message.d.shard ?? [0, 1];
        session.sessionId = randomBytes(8).toString('hex');
        this.identifies.push({ shard: session.shard });
        this.sessions = this.sessions.filter((s) => s.shard[0] !== session.shard[0] || s.socket === socket);
        this.sessions.push(session);
        const guilds = this.guildList.filter((g) => this.shardOf(g, session.shard[1]) === session.shard[0]);
        this.dispatch(session, 'READY', {
          v: 10,
          user: { id: BOT_ID, username: 'summit-bot', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
          guilds: guilds.map((id) => ({ id, unavailable: true })),
          session_id: session.sessionId,
          resume_gateway_url: this.gatewayUrl,
          shard: session.shard,
          application: { id: APP_ID, flags: 0 },
          private_channels: [],
        });
        for (const id of guilds) this.dispatch(session, 'GUILD_CREATE', guildPayload(id));
      } else if (message.op === 6) {
        const old = this.sessions.find((s) => s.sessionId === message.d.session_id);
        this.resumes.push(message.d.session_id);
        if (!old) {
          socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
          return;
        }
        // Take the old session over, replay what the client missed, then RESUMED.
        session.sessionId = old.sessionId;
        session.shard = old.shard;
        session.seq = old.seq;
        session.sent = old.sent;
        this.sessions = this.sessions.filter((s) => s !== old);
        this.sessions.push(session);
        for (const e of session.sent.filter((x) => x.s > message.d.seq)) socket.send(e.payload);
        this.dispatch(session, 'RESUMED', {});
      }
    });
  }

  private shardOf(guildId: string, count: number): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  private dispatch(session: Session, t: string, d: unknown): void {
    session.seq++;
    const payload = JSON.stringify({ op: 0, t, s: session.seq, d });
    session.sent.push({ s: session.seq, payload });
    if (session.sent.length > 500) session.sent.shift();
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(payload);
  }

  private sessionFor(guildId: string): Session {
    const live = this.sessions.filter((s) => this.shardOf(guildId, s.shard[1]) === s.shard[0]);
    const session = live[live.length - 1];
    if (!session) throw new Error(`no gateway session for guild ${guildId}`);
    return session;
  }

  /** Sends any gateway event, as is, on the session of the guild (malformed ones included). */
  dispatchRaw(t: string, d: unknown, guildId = this.guildList[0]!): void {
    this.dispatch(this.sessionFor(guildId), t, d);
  }

  /** Drops the records of past interactions and requests (long tests measuring memory). */
  forget(): void {
    this.interactions.clear();
    this.interactionsByToken.clear();
    this.requests.length = 0;
    for (const s of this.sessions) s.sent.length = 0;
  }

  /** Waits until `count` shards have identified (the bot is connected). */
  async waitForShards(count = 1, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.sessions.filter((s) => s.socket.readyState === s.socket.OPEN).length < count) {
      if (Date.now() > until) throw new Error(`only ${this.sessions.length} of ${count} shards connected`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Closes every gateway connection as a network drop would: the client should resume. */
  dropConnections(code = 4000): void {
    for (const s of this.sessions) s.socket.close(code, 'dropped by the test');
  }

  /** Tells every session its session is invalid (not resumable): the client must identify again. */
  invalidateSessions(): void {
    for (const s of this.sessions) s.socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
  }

  /** Stops acknowledging heartbeats, so the client must notice the zombie connection. */
  stopAcking(): void {
    for (const s of this.sessions) s.acking = false;
  }

  /** Asks every client to send a heartbeat now (op 1), as Discord may. */
  requestHeartbeat(): void {
    for (const s of this.sessions) s.socket.send(JSON.stringify({ op: 1, d: s.seq, s: null, t: null }));
  }

  /**
   * Makes requests whose `METHOD /path` (decoded, without /api/v10) matches `route` fail: the
   * next `times` of them, or all until the fault is removed.
   */
  fault(route: RegExp, answer: FaultAnswer, times = Infinity): Fault {
    const fault = new Fault(route, answer, times);
    this.faults.push(fault);
    return fault;
  }

  // ---------------------------------------------------------------------------------------------
  // Interactions

  private basePayload(type: number, guildId: string, userId: string, locale: string, permissions: string, data: unknown, extra: object = {}, origin?: InteractionRecord) {
    const id = snowflake();
    const token = `tok_${randomBytes(24).toString('hex')}`;
    const channelId = '333333333333333333';
    const payload = {
      id,
      application_id: APP_ID,
      type,
      token,
      version: 1,
      guild_id: guildId,
      channel_id: channelId,
      channel: { id: channelId, type: 0, guild_id: guildId, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null },
      guild: { id: guildId, locale: 'en-US', features: [] },
      member: {
        user: { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
        roles: [],
        permissions,
        joined_at: '2025-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
      },
      locale,
      guild_locale: 'en-US',
      app_permissions: '2248473465835073',
      data,
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 26214400,
      ...extra,
    };
    const record = new InteractionRecord(id, token, Date.now(), payload, origin);
    this.interactions.set(id, record);
    this.interactionsByToken.set(token, record);
    this.dispatch(this.sessionFor(guildId), 'INTERACTION_CREATE', payload);
    return record;
  }

  /** A user runs a slash command. */
  command(invocation: CommandInvocation): InteractionRecord {
    const guildId = invocation.guildId ?? this.guildList[0]!;
    return this.basePayload(2, guildId, invocation.userId ?? '444444444444444444', invocation.locale ?? 'en-US', invocation.permissions ?? '0', {
      id: snowflake(),
      name: invocation.name,
      type: 1,
      guild_id: guildId,
      ...(invocation.options?.length ? { options: invocation.options } : {}),
      ...(invocation.attachments?.length ? { resolved: { attachments: Object.fromEntries(invocation.attachments.map((a) => [a.id, a])) } } : {}),
    });
  }

  /** A file a user attaches to a command, served by the fake's CDN as Discord's would. */
  attach(filename: string, content: Uint8Array | string, options: AttachOptions = {}): AttachmentPayload {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const id = snowflake();
    const path = `/attachments/333333333333333333/${id}/${encodeURIComponent(filename)}`;
    const contentType = options.content_type ?? 'text/plain; charset=utf-8';
    const repeat = options.repeat ?? 1;
    this.files.set(path, { bytes, contentType, contentLength: options.contentLength === undefined ? bytes.length * repeat : options.contentLength, repeat });
    // Discord's URLs are signed and expire: ex (expiry), is (issued), hm (signature).
    const url = options.url ?? `${this.cdnUrl}${path}?ex=67a0c0de&is=679f6f5e&hm=${'ab'.repeat(32)}&`;
    return { id, filename, size: options.size ?? bytes.length * repeat, url, proxy_url: url.replace('127.0.0.1', 'localhost'), content_type: contentType };
  }

  private async serveFile(path: string, res: ServerResponse): Promise<boolean> {
    const file = this.files.get(path);
    if (!file) return false;
    let closed!: () => void;
    const download: Download = { path, bytesSent: 0, aborted: false, ended: new Promise<void>((resolve) => (closed = resolve)) };
    this.downloads.push(download);
    let finished = false;
    res.on('close', () => {
      if (!finished) download.aborted = true;
      closed();
    });
    res.writeHead(200, { 'content-type': file.contentType, ...(file.contentLength === null ? {} : { 'content-length': String(file.contentLength) }) });
    for (let i = 0; i < file.repeat && !download.aborted && !res.destroyed; i++) {
      download.bytesSent += file.bytes.length;
      if (!res.write(file.bytes)) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
    }
    if (!download.aborted && !res.destroyed) {
      finished = true;
      res.end();
    }
    return true;
  }

  /** A user types in an autocompleted option. */
  autocomplete(invocation: CommandInvocation): InteractionRecord {
    const guildId = invocation.guildId ?? this.guildList[0]!;
    return this.basePayload(4, guildId, invocation.userId ?? '444444444444444444', invocation.locale ?? 'en-US', invocation.permissions ?? '0', {
      id: snowflake(),
      name: invocation.name,
      type: 1,
      options: invocation.options ?? [],
    });
  }

  /**
   * A button pressed on the message an interaction was answered with (as it shows now, after
   * earlier presses): by its asker, unless `userId` says who else.
   */
  press(on: InteractionRecord, customId: string, userId: string = on.payload.member.user.id, permissions = '0'): InteractionRecord {
    return this.component(on, { custom_id: customId, component_type: 2 }, userId, permissions);
  }

  /** Options chosen in a select menu (component type 3) of an interaction's message. */
  select(on: InteractionRecord, customId: string, values: string[], userId: string = on.payload.member.user.id): InteractionRecord {
    return this.component(on, { custom_id: customId, component_type: 3, values }, userId, '0');
  }

  private component(on: InteractionRecord, data: Record<string, unknown>, userId: string, permissions: string): InteractionRecord {
    const shown = on.message ?? {};
    const guildId = on.payload.guild_id as string;
    const message = {
      ...messagePayload(shown, on),
      interaction_metadata: { id: on.id, type: on.payload.type, user: on.payload.member.user, authorizing_integration_owners: {} },
    };
    return this.basePayload(3, guildId, userId, on.payload.locale, permissions, data, { message }, on);
  }

  /**
   * A user runs a message command (a context menu, type 3) on a message: an interaction of type 2
   * whose data names the message (target_id) and holds it (resolved.messages), as Discord sends it.
   */
  messageCommand(invocation: { name: string; message: TargetMessage; userId?: string; guildId?: string; locale?: string; permissions?: string }): InteractionRecord {
    const guildId = invocation.guildId ?? this.guildList[0]!;
    const target = targetMessage(invocation.message, guildId);
    return this.basePayload(2, guildId, invocation.userId ?? '444444444444444444', invocation.locale ?? 'en-US', invocation.permissions ?? '0', {
      id: snowflake(),
      name: invocation.name,
      type: 3,
      guild_id: guildId,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // REST

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      return this.send(req, res, 400, { code: 50109, message: 'The request body contains invalid JSON.' }, body);
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    const method = req.method ?? 'GET';
    const route = `${method} ${path}`;
    let m: RegExpExecArray | null;

    const fault = this.faults.find((f) => f.take(route));
    if (fault) {
      if ('hang' in fault.answer) {
        // Never answered: the request ends when the client gives up or the fake closes.
        this.requests.push({ method, path: req.url ?? '', body, status: 0 });
        return;
      }
      if (fault.answer.retryAfterSeconds !== undefined) {
        res.setHeader('retry-after', String(fault.answer.retryAfterSeconds));
        res.setHeader('x-ratelimit-scope', 'user');
      }
      return this.send(req, res, fault.answer.status, fault.answer.body, body);
    }

    if (route === 'GET /gateway/bot') {
      return this.send(req, res, 200, { url: this.gatewayUrl, shards: this.shardCount, session_start_limit: { total: 1000, remaining: 999, reset_after: 86400000, max_concurrency: 1 } }, body);
    }
    if (route === 'GET /gateway') return this.send(req, res, 200, { url: this.gatewayUrl }, body);
    if (method === 'GET' && url.pathname.startsWith('/attachments/') && (await this.serveFile(url.pathname, res))) return;
    if (route === 'GET /applications/@me') return this.send(req, res, 200, { id: APP_ID, name: 'summit-bot', flags: 0, bot_public: true }, body);
    m = /^PUT \/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(route);
    if (m) {
      const problems = validateCommands(body);
      if (problems.length) return this.send(req, res, 400, invalidForm(problems), body);
      const stored = (body as any[]).map((c) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake(), ...(m![2] ? { guild_id: m![2] } : {}) }));
      this.commands.set(path, stored);
      return this.send(req, res, 200, stored, body);
    }
    m = /^POST \/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route);
    if (m) {
      const record = this.interactions.get(m[1]!);
      if (!record || record.token !== m[2]) return this.send(req, res, 404, { code: 10062, message: 'Unknown interaction' }, body);
      if (Date.now() - record.sentAt > 3000) return this.send(req, res, 404, { code: 10062, message: 'Unknown interaction' }, body);
      if (record.responses.some((r) => r.kind === 'callback')) return this.send(req, res, 400, { code: 40060, message: 'Interaction has already been acknowledged.' }, body);
      const problems = validateCallback(body, record.payload.type);
      if (problems.length) return this.send(req, res, 400, invalidForm(problems), body);
      record.record({ kind: 'callback', type: body.type, data: body.data ?? {}, at: Date.now() });
      if (body.type === 7 && record.origin) record.origin.updates.push({ kind: 'callback', type: 7, data: body.data ?? {}, at: Date.now() });
      if (url.searchParams.get('with_response') === 'true') {
        return this.send(req, res, 200, { interaction: { id: record.id, type: record.payload.type }, resource: { type: body.type, message: messagePayload(body.data ?? {}, record) } }, body);
      }
      return this.send(req, res, 204, null, body);
    }
    m = /^(PATCH|POST|GET) \/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(route);
    if (m) {
      if (this.rateLimitNext > 0) {
        this.rateLimitNext--;
        res.setHeader('retry-after', String(this.retryAfterSeconds));
        res.setHeader('x-ratelimit-scope', 'user');
        return this.send(req, res, 429, { message: 'You are being rate limited.', retry_after: this.retryAfterSeconds, global: false }, body);
      }
      const record = this.interactionsByToken.get(m[3]!);
      if (!record) return this.send(req, res, 404, { code: 10015, message: 'Unknown Webhook' }, body);
      if (Date.now() - record.sentAt > 15 * 60 * 1000) return this.send(req, res, 401, { code: 50027, message: 'Invalid Webhook Token' }, body);
      if (m[1] === 'GET') return this.send(req, res, 200, messagePayload(record.shown ?? {}, record), body);
      const problems = validateMessage(body ?? {});
      if (problems.length) return this.send(req, res, 400, invalidForm(problems), body);
      record.record({ kind: m[1] === 'PATCH' ? 'edit' : 'followup', data: body, at: Date.now() });
      return this.send(req, res, 200, messagePayload(body, record), body);
    }
    return this.send(req, res, 404, { code: 0, message: `404: Not Found (${route})` }, body);
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, payload: unknown, body: unknown): void {
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', body, status });
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  }
}

function guildPayload(id: string) {
  return {
    id,
    name: `Guild ${id.slice(-4)}`,
    icon: null,
    owner_id: '999999999999999999',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '0', managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: '2025-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A message someone posted, as a test describes it. */
export interface TargetMessage {
  content: string;
  authorId?: string;
  embeds?: Record<string, unknown>[];
  attachments?: Record<string, unknown>[];
  mentionEveryone?: boolean;
  /** Ids of the members the content mentions. */
  mentions?: string[];
}

function targetMessage(message: TargetMessage, guildId: string) {
  const user = (id: string) => ({ id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null });
  return {
    id: snowflake(),
    channel_id: '333333333333333333',
    guild_id: guildId,
    author: user(message.authorId ?? '555555555555555555'),
    content: message.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: message.mentionEveryone ?? false,
    mentions: (message.mentions ?? []).map(user),
    mention_roles: [],
    attachments: message.attachments ?? [],
    embeds: message.embeds ?? [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

function messagePayload(data: Record<string, any>, record: InteractionRecord) {
  return {
    id: snowflake(),
    channel_id: record.payload.channel_id,
    author: { id: BOT_ID, username: 'summit-bot', discriminator: '0', bot: true, avatar: null, global_name: null },
    content: data.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: data.embeds ?? [],
    components: data.components ?? [],
    pinned: false,
    type: 20,
    flags: data.flags ?? 0,
    application_id: APP_ID,
  };
}

function invalidForm(problems: string[]) {
  return { code: 50035, message: 'Invalid Form Body', errors: problems };
}

// -----------------------------------------------------------------------------------------------
// Discord's rules

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LOCALES = new Set([
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
]);

function checkName(name: unknown, where: string, problems: string[]): void {
  if (typeof name !== 'string' || !NAME.test(name) || name !== name.toLowerCase()) problems.push(`${where}: invalid name ${JSON.stringify(name)}`);
}
function checkDescription(text: unknown, where: string, problems: string[]): void {
  if (typeof text !== 'string' || text.length < 1 || text.length > 100) problems.push(`${where}: description must be 1-100 characters`);
}
function checkLocalizations(map: unknown, where: string, problems: string[], check: (v: unknown, w: string) => void): void {
  if (map === undefined || map === null) return;
  for (const [locale, value] of Object.entries(map as Record<string, unknown>)) {
    if (!LOCALES.has(locale)) problems.push(`${where}: unknown locale ${locale}`);
    check(value, `${where}.${locale}`);
  }
}
function longest(base: string, map: Record<string, string> | undefined): number {
  return Math.max(base.length, ...Object.values(map ?? {}).map((v) => v.length));
}

/** Checks a list of options (a subcommand's too); returns the characters they count. */
function checkOptions(options: any[], where: string, problems: string[]): number {
  if (options.length > 25) problems.push(`${where}: at most 25 options`);
  let total = 0;
  let optionalSeen = false;
  const optionNames = new Set<string>();
  const subcommands = options.filter((o) => o.type === 1 || o.type === 2).length;
  if (subcommands > 0 && subcommands < options.length) problems.push(`${where}: subcommands cannot be mixed with other options`);
  options.forEach((option, j) => {
    const w = `${where}.options[${j}]`;
    checkName(option.name, `${w}.name`, problems);
    if (optionNames.has(option.name)) problems.push(`${w}: duplicate option name`);
    optionNames.add(option.name);
    checkDescription(option.description, `${w}.description`, problems);
    checkLocalizations(option.name_localizations, `${w}.name_localizations`, problems, (v, x) => checkName(v, x, problems));
    checkLocalizations(option.description_localizations, `${w}.description_localizations`, problems, (v, x) => checkDescription(v, x, problems));
    if (option.required && optionalSeen) problems.push(`${w}: required options must come before optional ones`);
    if (!option.required) optionalSeen = true;
    if (option.choices && option.choices.length > 25) problems.push(`${w}: at most 25 choices`);
    if (option.autocomplete && option.choices?.length) problems.push(`${w}: autocomplete and choices are exclusive`);
    if (option.max_length !== undefined && (option.max_length < 1 || option.max_length > 6000)) problems.push(`${w}: max_length must be 1-6000`);
    if (option.type === 1 && option.required !== undefined) problems.push(`${w}: a subcommand cannot be required`);
    total += longest(option.name, option.name_localizations) + longest(option.description, option.description_localizations);
    if (option.type === 1 || option.type === 2) total += checkOptions(option.options ?? [], w, problems);
  });
  return total;
}

// A user or message command (a context menu): capitals and spaces allowed, 1-32 characters.
const MENU_NAME = /^[-_ '\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
function checkMenuName(name: unknown, where: string, problems: string[]): void {
  if (typeof name !== 'string' || !MENU_NAME.test(name) || name.trim() !== name) problems.push(`${where}: invalid name ${JSON.stringify(name)}`);
}

export function validateCommands(body: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(body)) return ['body must be an array of commands'];
  if (body.length > 100) problems.push('at most 100 commands');
  // Names are unique within a type: /ask and a message menu named "ask" may both exist.
  const names = new Set<string>();
  const menus = { 2: 0, 3: 0 } as Record<number, number>;
  body.forEach((command, i) => {
    const where = `[${i}]`;
    const type = command.type ?? 1;
    if (![1, 2, 3, 4].includes(type)) problems.push(`${where}.type: unknown command type ${type}`);
    if (names.has(`${type}:${command.name}`)) problems.push(`${where}: duplicate command name ${command.name}`);
    names.add(`${type}:${command.name}`);
    if (command.default_member_permissions !== undefined && command.default_member_permissions !== null && !/^\d+$/.test(command.default_member_permissions)) {
      problems.push(`${where}.default_member_permissions must be a string of digits`);
    }
    if (command.contexts !== undefined && (!Array.isArray(command.contexts) || command.contexts.some((c: unknown) => ![0, 1, 2].includes(c as number)))) {
      problems.push(`${where}.contexts must hold 0, 1 or 2`);
    }
    if (type === 2 || type === 3) {
      // A context menu (2: on a user, 3: on a message): a name only, at most 5 of each type.
      if (++menus[type]! > 5) problems.push(`${where}: at most 5 ${type === 3 ? 'message' : 'user'} commands`);
      checkMenuName(command.name, `${where}.name`, problems);
      checkLocalizations(command.name_localizations, `${where}.name_localizations`, problems, (v, w) => checkMenuName(v, w, problems));
      if (command.description !== undefined && command.description !== '') problems.push(`${where}.description: must be empty for a context menu command`);
      if (command.description_localizations !== undefined && command.description_localizations !== null) problems.push(`${where}.description_localizations: not allowed for a context menu command`);
      if (command.options !== undefined && command.options !== null) problems.push(`${where}.options: not allowed for a context menu command`);
      if (longest(command.name ?? '', command.name_localizations) > 8000) problems.push(`${where}: more than 8000 characters`);
      return;
    }
    checkName(command.name, `${where}.name`, problems);
    checkDescription(command.description, `${where}.description`, problems);
    checkLocalizations(command.name_localizations, `${where}.name_localizations`, problems, (v, w) => checkName(v, w, problems));
    checkLocalizations(command.description_localizations, `${where}.description_localizations`, problems, (v, w) => checkDescription(v, w, problems));
    const total = longest(command.name, command.name_localizations) + longest(command.description, command.description_localizations) + checkOptions(command.options ?? [], where, problems);
    if (total > 8000) problems.push(`${where}: more than 8000 characters`);
  });
  return problems;
}

export function validateMessage(data: Record<string, any>): string[] {
  const problems: string[] = [];
  if (data.content !== undefined && data.content !== null && String(data.content).length > 2000) problems.push('content: at most 2000 characters');
  const embeds: any[] = data.embeds ?? [];
  if (embeds.length > 10) problems.push('embeds: at most 10');
  let total = 0;
  embeds.forEach((e, i) => {
    const w = `embeds[${i}]`;
    const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
    if (len(e.title) > 256) problems.push(`${w}.title: at most 256`);
    if (len(e.description) > 4096) problems.push(`${w}.description: at most 4096`);
    if ((e.fields ?? []).length > 25) problems.push(`${w}.fields: at most 25`);
    (e.fields ?? []).forEach((f: any, j: number) => {
      if (len(f.name) < 1 || len(f.name) > 256) problems.push(`${w}.fields[${j}].name: 1-256 characters`);
      if (len(f.value) < 1 || len(f.value) > 1024) problems.push(`${w}.fields[${j}].value: 1-1024 characters`);
      total += len(f.name) + len(f.value);
    });
    if (len(e.footer?.text) > 2048) problems.push(`${w}.footer.text: at most 2048`);
    if (len(e.author?.name) > 256) problems.push(`${w}.author.name: at most 256`);
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
  });
  if (total > 6000) problems.push(`embeds: ${total} characters, at most 6000 in all`);
  const rows: any[] = data.components ?? [];
  if (rows.length > 5) problems.push('components: at most 5 rows');
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const inRow: any[] = row.components ?? [];
    if (row.type !== 1) problems.push(`components[${i}]: a top-level component of a message is an action row (type 1)`);
    if (inRow.length < 1 || inRow.length > 5) problems.push(`components[${i}]: 1 to 5 buttons`);
    const selects = inRow.filter((c) => c.type >= 3 && c.type <= 8);
    if (selects.length > 0 && inRow.length > 1) problems.push(`components[${i}]: a select menu is alone in its row`);
    for (const c of inRow) {
      if (c.custom_id !== undefined && (c.custom_id.length < 1 || c.custom_id.length > 100)) problems.push(`components[${i}]: custom_id 1-100`);
      if (c.custom_id !== undefined && ids.has(c.custom_id)) problems.push(`components[${i}]: duplicate custom_id ${c.custom_id}`);
      if (c.custom_id !== undefined) ids.add(c.custom_id);
      if (c.type === 2) {
        if (c.label !== undefined && c.label.length > 80) problems.push(`components[${i}]: label at most 80`);
        if (c.style !== 5 && c.custom_id === undefined) problems.push(`components[${i}]: a button needs a custom_id`);
      } else if (c.type === 3) {
        const options: any[] = c.options ?? [];
        if (options.length < 1 || options.length > 25) problems.push(`components[${i}]: a string select has 1 to 25 options`);
        if (c.placeholder !== undefined && c.placeholder.length > 150) problems.push(`components[${i}]: placeholder at most 150`);
        const values = new Set<string>();
        for (const o of options) {
          if (typeof o.label !== 'string' || o.label.length < 1 || o.label.length > 100) problems.push(`components[${i}]: option label 1-100`);
          if (typeof o.value !== 'string' || o.value.length < 1 || o.value.length > 100) problems.push(`components[${i}]: option value 1-100`);
          if (o.description !== undefined && o.description.length > 100) problems.push(`components[${i}]: option description at most 100`);
          if (values.has(o.value)) problems.push(`components[${i}]: duplicate option value ${o.value}`);
          values.add(o.value);
        }
        if (options.filter((o) => o.default).length > (c.max_values ?? 1)) problems.push(`components[${i}]: more default options than max_values`);
      } else if (c.type !== undefined) problems.push(`components[${i}]: unknown component type ${c.type}`);
    }
  });
  if (data.flags !== undefined && (data.flags & ~(64 | 4 | 4096)) !== 0) problems.push('flags: only EPHEMERAL, SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS');
  if (!data.content && embeds.length === 0 && rows.length === 0 && !data.attachments) problems.push('cannot send an empty message');
  return problems;
}

function validateCallback(body: any, interactionType: number): string[] {
  if (!body || typeof body.type !== 'number') return ['type is required'];
  switch (body.type) {
    case 4:
      return interactionType === 4 ? ['autocomplete interactions take type 8'] : validateMessage(body.data ?? {});
    case 5:
      return Object.keys(body.data ?? {}).some((k) => k !== 'flags') ? ['a deferred response carries only flags'] : [];
    case 6:
    case 7:
      return interactionType !== 3 ? ['update types are for component interactions'] : body.type === 7 ? validateMessage(body.data ?? {}) : [];
    case 8: {
      if (interactionType !== 4) return ['type 8 is for autocomplete'];
      const choices: any[] = body.data?.choices ?? [];
      const problems: string[] = [];
      if (choices.length > 25) problems.push('choices: at most 25');
      choices.forEach((c, i) => {
        if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) problems.push(`choices[${i}].name: 1-100`);
        if (typeof c.value === 'string' && c.value.length > 100) problems.push(`choices[${i}].value: at most 100`);
      });
      return problems;
    }
    default:
      return [`unknown callback type ${body.type}`];
  }
}
