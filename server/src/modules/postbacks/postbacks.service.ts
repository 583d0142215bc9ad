import { timingSafeEqual } from 'node:crypto';
import proxyaddr from 'proxy-addr';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Logger } from '../../platform/logger.js';
import { sha256Hex } from '../../platform/security/signed-tokens.js';
import { verifyWebhook } from '../../platform/security/standard-webhooks.js';
import type { EntityManager } from 'typeorm';
import { GroupCommitQueue } from '../../platform/db/group-commit.js';
import { sqlDateTime } from '../../platform/db/sql-time.js';
import type {
  ApplyOutcome,
  ApplySource,
  ConversionReport,
  ConversionsService,
} from '../conversions/conversions.service.js';
import { Network } from '../networks/network.entity.js';
import { ADAPTERS } from './adapters/presets.js';
import type { PostbackEvent, RawPostback } from './adapters/adapter.js';
import type { NetworkSecretsService } from './network-secrets.service.js';
import { PostbackInbox } from './postback-inbox.entity.js';

const NETWORK_CACHE_MS = 10_000;
/** Postbacks that queue up while a batch is written go together into the next (group commit). */
const MAX_BATCH = 64;
/** Two batches in flight: one commits (waits for its log flush) while the next runs its statements. */
const MAX_IN_FLIGHT = 2;
/** The headers kept with the raw message (the signature itself is not needed to replay). */
const KEPT_HEADERS = ['content-type', 'webhook-id', 'webhook-timestamp', 'user-agent'];

export interface PostbackAnswer {
  status: 200 | 202 | 409;
  body: { status: string; conversionId?: string; detail?: string };
}

const STATUS_OF: Record<ApplyOutcome['kind'], PostbackAnswer['status']> = {
  accepted: 200,
  duplicate: 200,
  ignored: 200,
  unattributed: 202,
  conflict: 409,
};

/** A message as stored in the inbox, before its outcome is known. */
interface InboxDraft {
  networkId: string;
  receivedAt: Date;
  method: string;
  sourceIp: string | null;
  headers: Record<string, string>;
  query: string;
  body: string;
}

/** A report to process: a message just received (to store), or one stored before (a replay). */
type IntakeItem = { report: ConversionReport } & (
  { message: InboxDraft; stored?: undefined } | { stored: string; message?: undefined }
);
type IntakeResult = ApplyOutcome | Error;

const INBOX_COLUMNS = [
  'network_id',
  'received_at',
  'method',
  'source_ip',
  'headers',
  'query',
  'body',
  'verified',
  'outcome',
  'http_status',
  'error_code',
  'conversion_id',
  'processed_at',
];
const INBOX_INSERT = `INSERT INTO postback_inbox (${INBOX_COLUMNS.join(', ')})`;

function inboxValues(
  message: InboxDraft,
  result: {
    outcome: string;
    httpStatus: number;
    errorCode: string | null;
    conversionId: string | null;
    processedAt: string | null;
  },
): unknown[] {
  return [
    message.networkId,
    sqlDateTime(message.receivedAt),
    message.method,
    message.sourceIp,
    JSON.stringify(message.headers),
    message.query,
    message.body,
    1,
    result.outcome,
    result.httpStatus,
    result.errorCode,
    result.conversionId,
    result.processedAt,
  ];
}

/**
 * Postback intake (DESIGN §5): find the network, check where the call comes from and who signed
 * it, parse it with the network's adapter, then — in one transaction, shared with the messages that
 * queued up meanwhile (group commit) — store the raw message with its outcome and apply it to the
 * conversion and its ledger. We answer only after that commit. Bad input is refused before
 * anything is written.
 */
export class PostbacksService {
  private readonly networks = new Map<string, { network: Network | null; until: number }>();
  private readonly intake = new GroupCommitQueue<IntakeItem, IntakeResult>(
    (items) => this.processQueued(items),
    { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT },
  );

  constructor(
    private readonly deps: {
      database: Database;
      clock: Clock;
      logger: Logger;
      secrets: NetworkSecretsService;
      conversions: ConversionsService;
    },
  ) {}

  private async network(slug: string): Promise<Network> {
    const now = this.deps.clock.now().getTime();
    let cached = this.networks.get(slug);
    if (!cached || cached.until <= now) {
      const network = await this.deps.database.manager.findOneBy(Network, { slug, isActive: true });
      cached = { network, until: now + NETWORK_CACHE_MS };
      this.networks.set(slug, cached);
    }
    if (!cached.network)
      throw new AppError('POSTBACK_UNKNOWN_NETWORK', 404, 'There is no active network with this address.');
    return cached.network;
  }

  invalidate(): void {
    this.networks.clear();
  }

  async receive(slug: string, raw: RawPostback, sourceIp: string | null): Promise<PostbackAnswer> {
    const network = await this.network(slug);
    this.checkSource(network, sourceIp);
    await this.authenticate(network, raw);
    const event = this.parse(network, raw);
    const query = new URLSearchParams(raw.query);
    query.delete('token');
    const headers = Object.fromEntries(
      KEPT_HEADERS.filter((name) => raw.headers[name]).map((name) => [name, raw.headers[name]!]),
    );
    const message: InboxDraft = {
      networkId: network.id,
      receivedAt: this.deps.clock.now(),
      method: raw.method,
      sourceIp,
      headers,
      query: query.toString(),
      body: raw.body.toString('utf8'),
    };
    const result = await this.intake.submit({ report: { networkId: network.id, ...event }, message });
    if (result instanceof Error) {
      if (!(result instanceof AppError && result.status < 500)) await this.keepFailed(message);
      throw result;
    }
    return answer(result);
  }

  /** Reprocesses a stored message (idempotently): the replay command and operators use this. */
  async replay(inbox: PostbackInbox): Promise<ApplyOutcome> {
    const network = await this.deps.database.manager.findOneByOrFail(Network, { id: inbox.networkId });
    const raw: RawPostback = {
      method: inbox.method,
      contentType: inbox.headers['content-type'] ?? '',
      query: new URLSearchParams(inbox.query),
      body: Buffer.from(inbox.body, 'utf8'),
      headers: inbox.headers,
    };
    const event = this.parse(network, raw);
    const [result] = await this.process([{ report: { networkId: network.id, ...event }, stored: inbox.id }]);
    if (result instanceof Error) throw result;
    return result!;
  }

  /**
   * Processes queued messages as one batch; when the batch fails as a whole (after the transaction
   * helper's retries), each message again on its own, so that one bad message fails only itself.
   */
  private async processQueued(items: IntakeItem[]): Promise<IntakeResult[]> {
    try {
      return await this.process(items);
    } catch (error) {
      if (items.length === 1) return [error instanceof Error ? error : new Error(String(error))];
      this.deps.logger.warn(
        { err: error, size: items.length },
        'postback batch failed, processing one by one',
      );
      const results: IntakeResult[] = [];
      for (const item of items) {
        results.push(
          await this.process([item]).then(
            ([result]) => result!,
            (single: unknown) => (single instanceof Error ? single : new Error(String(single))),
          ),
        );
      }
      return results;
    }
  }

  /**
   * One transaction for the batch: plan the reports on locked rows, write the conversions, store
   * each message with its outcome (a refused one is not stored), then its history and ledger moves.
   * A refused message's result is its 4xx error.
   */
  private process(items: IntakeItem[]): Promise<IntakeResult[]> {
    return this.deps.database.transaction(async (manager) => {
      const plan = await this.deps.conversions.plan(
        manager,
        items.map((item) => item.report),
      );
      const outcomes = await this.deps.conversions.commit(manager, plan, (outcomes) =>
        this.stamp(manager, items, outcomes),
      );
      return items.map((_, index) => {
        const planned = plan.outcomes[index]!;
        return planned.kind === 'refused' ? planned.error : outcomes[index]!;
      });
    });
  }

  /** Stores new messages with their outcomes (one INSERT) and updates replayed ones. */
  private async stamp(
    manager: EntityManager,
    items: IntakeItem[],
    outcomes: Array<ApplyOutcome | undefined>,
  ): Promise<Array<ApplySource | undefined>> {
    const runner = manager.queryRunner!;
    const processedAt = sqlDateTime(this.deps.clock.now());
    const origins: Array<ApplySource | undefined> = items.map(() => undefined);
    const fresh: number[] = [];
    for (const [index, item] of items.entries()) {
      const outcome = outcomes[index];
      if (!outcome) continue;
      if (item.message) {
        fresh.push(index);
        continue;
      }
      await runner.query(
        `UPDATE postback_inbox SET outcome = ?, http_status = ?, conversion_id = ?, processed_at = ?,
           error_code = NULL WHERE id = ?`,
        [outcome.kind, STATUS_OF[outcome.kind], outcome.conversionId, processedAt, item.stored],
      );
      origins[index] = { source: 'replay', inboxId: item.stored, createdBy: `replay:${item.stored}` };
    }
    const ids = await this.deps.database.insertRows(
      runner,
      INBOX_INSERT,
      `(${INBOX_COLUMNS.map(() => '?').join(', ')})`,
      fresh.map((index) => {
        const outcome = outcomes[index]!;
        return inboxValues(items[index]!.message!, {
          outcome: outcome.kind,
          httpStatus: STATUS_OF[outcome.kind],
          errorCode: null,
          conversionId: outcome.conversionId,
          processedAt,
        });
      }),
    );
    fresh.forEach((index, position) => {
      const inboxId = ids[position]!;
      origins[index] = { source: 'postback', inboxId, createdBy: `postback:${inboxId}` };
    });
    return origins;
  }

  /** Keeps a message whose processing failed, so that it can be replayed once the fault is fixed. */
  private async keepFailed(message: InboxDraft): Promise<void> {
    await this.deps.database
      .execute(
        `${INBOX_INSERT} VALUES (${INBOX_COLUMNS.map(() => '?').join(', ')})`,
        inboxValues(message, {
          outcome: 'error',
          httpStatus: 500,
          errorCode: 'PROCESSING_FAILED',
          conversionId: null,
          processedAt: null,
        }),
      )
      .catch((storeError: unknown) =>
        this.deps.logger.error({ err: storeError }, 'could not store a failed postback'),
      );
  }

  private checkSource(network: Network, sourceIp: string | null): void {
    const allowlist = network.settings.ipAllowlist;
    if (typeof allowlist !== 'string' || allowlist.trim() === '') return;
    const trusted = proxyaddr.compile(
      allowlist
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    );
    if (!sourceIp || !trusted(sourceIp, 0)) {
      throw new AppError(
        'POSTBACK_IP_NOT_ALLOWED',
        403,
        'Postbacks for this network are not accepted from this address.',
      );
    }
  }

  private async authenticate(network: Network, raw: RawPostback): Promise<void> {
    const credentials = await this.deps.secrets.credentials(network.id);
    if (network.kind === 'signed') {
      const verdict = verifyWebhook(
        {
          id: raw.headers['webhook-id'],
          timestamp: raw.headers['webhook-timestamp'],
          signature: raw.headers['webhook-signature'],
        },
        raw.body,
        credentials.hmacKeys,
        this.deps.clock.now(),
      );
      if (!verdict.ok)
        throw new AppError(
          'POSTBACK_BAD_SIGNATURE',
          401,
          `The signature does not verify (${verdict.reason}).`,
        );
      return;
    }
    const token = raw.query.get('token');
    const presented = token ? Buffer.from(sha256Hex(token), 'hex') : undefined;
    const matches = presented
      ? credentials.tokenHashes.some((hash) => timingSafeEqual(Buffer.from(hash, 'hex'), presented))
      : false;
    if (!matches) throw new AppError('POSTBACK_BAD_TOKEN', 401, 'The token is missing or wrong.');
  }

  private parse(network: Network, raw: RawPostback): PostbackEvent {
    return ADAPTERS[network.kind](raw, network.settings);
  }
}

function answer(outcome: ApplyOutcome): PostbackAnswer {
  const body = { status: outcome.kind, conversionId: outcome.conversionId };
  if (outcome.kind === 'conflict' || outcome.kind === 'ignored')
    return { status: STATUS_OF[outcome.kind], body: { ...body, detail: outcome.why } };
  return { status: STATUS_OF[outcome.kind], body };
}
