import { timingSafeEqual } from 'node:crypto';
import proxyaddr from 'proxy-addr';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { GroupCommitQueue } from '../../platform/db/group-commit.js';
import { AppError } from '../../platform/http/errors.js';
import type { Logger } from '../../platform/logger.js';
import { sha256Hex } from '../../platform/security/signed-tokens.js';
import { verifyWebhook } from '../../platform/security/standard-webhooks.js';
import type {
  ApplyOutcome,
  ConversionReport,
  ConversionSource,
  ConversionsService,
} from '../conversions/index.js';
import type { Network, NetworksRepository } from '../networks/index.js';
import type { AdminConversionDetail } from '@shared/contracts/admin-money.js';
import { ADAPTERS } from './adapters/presets.js';
import type { PostbackEvent, RawPostback } from './adapters/adapter.js';
import type { NetworkSecretsService } from './network-secrets.service.js';
import type { PostbackInbox } from './postback-inbox.entity.js';
import type { InboxDraft, PostbackInboxRepository } from './postback-inbox.repository.js';

type AdminInboxMessage = AdminConversionDetail['inbox'][number];

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

/** A report to process: a message just received (to store), or one stored before (a replay). */
type IntakeItem = { report: ConversionReport } & (
  { message: InboxDraft; stored?: undefined } | { stored: string; message?: undefined }
);
type IntakeResult = ApplyOutcome | Error;

/**
 * Postback intake (DESIGN §5): find the network, check where the call comes from and who signed
 * it, parse it with the network's adapter, then — in one transaction, shared with the messages that
 * queued up meanwhile (group commit) — store the raw message, hand its report to conversions (which
 * apply it and post the ledger), and record the outcome on the message. We answer only after that
 * commit. Bad input is refused before anything is written.
 */
export class PostbacksService {
  private readonly networks = new Map<string, { network: Network | null; until: number }>();
  private readonly allowlists = new WeakMap<Network, (address: string, hop: number) => boolean>();
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
      networks: NetworksRepository;
      inbox: PostbackInboxRepository;
    },
  ) {}

  private async network(slug: string): Promise<Network> {
    const now = this.deps.clock.now().getTime();
    let cached = this.networks.get(slug);
    if (!cached || cached.until <= now) {
      const network = await this.deps.networks.findActiveBySlug(slug);
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

  /** The raw messages about one conversion, oldest first (staff read them with the conversion). */
  async messagesAbout(conversionId: string): Promise<AdminInboxMessage[]> {
    return (await this.deps.inbox.byConversion(conversionId)).map((message) => ({
      id: message.id,
      method: message.method,
      receivedAt: message.receivedAt.toISOString(),
      sourceIp: message.sourceIp,
      headers: message.headers,
      query: message.query,
      body: message.body,
      verified: message.verified,
      outcome: message.outcome,
      httpStatus: message.httpStatus,
      errorCode: message.errorCode,
      processedAt: message.processedAt?.toISOString() ?? null,
    }));
  }

  /** Stored messages to replay, oldest first: verified ones received since `since`, after `afterId`. */
  storedSince(filter: { since: Date; networkId: string | null; afterId: string; limit: number }) {
    return this.deps.inbox.pageForReplay(filter);
  }

  /** The id of the network with this slug, or null. */
  async networkIdOf(slug: string): Promise<string | null> {
    return (await this.deps.networks.findBySlug(slug))?.id ?? null;
  }

  /** Reprocesses a stored message (idempotently): the replay command and operators use this. */
  async replay(inbox: PostbackInbox): Promise<ApplyOutcome> {
    const network = await this.deps.networks.findById(inbox.networkId);
    if (!network) throw new Error(`network ${inbox.networkId} of inbox message ${inbox.id} is missing`);
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
   * One transaction for the batch: store the new messages, apply their reports through conversions
   * (each with its message as the source), then record each message's outcome. A refused report's
   * result is its 4xx error, and its message is not kept.
   */
  private process(items: IntakeItem[]): Promise<IntakeResult[]> {
    return this.deps.database.transaction(async (manager) => {
      const fresh = items.filter((item) => item.message);
      const freshIds = await this.deps.inbox.insertReceived(
        manager,
        fresh.map((item) => item.message!),
      );
      const idOf = new Map(fresh.map((item, index) => [item, freshIds[index]!]));
      const inboxIds = items.map((item) => item.stored ?? idOf.get(item)!);
      const results = await this.deps.conversions.record(
        manager,
        items.map((item, index) => ({ report: item.report, source: sourceOf(item, inboxIds[index]!) })),
      );
      await this.deps.inbox.deleteUnprocessed(
        manager,
        inboxIds.filter((id, index) => results[index] instanceof Error && !items[index]!.stored),
      );
      await this.deps.inbox.recordOutcomes(
        manager,
        results.flatMap((result, index) =>
          result instanceof Error
            ? []
            : [
                {
                  id: inboxIds[index]!,
                  outcome: result.kind,
                  httpStatus: STATUS_OF[result.kind],
                  conversionId: result.conversionId,
                },
              ],
        ),
        this.deps.clock.now(),
      );
      return results;
    });
  }

  /** Keeps a message whose processing failed, so that it can be replayed once the fault is fixed. */
  private async keepFailed(message: InboxDraft): Promise<void> {
    await this.deps.inbox
      .insertFailed(message)
      .catch((storeError: unknown) =>
        this.deps.logger.error({ err: storeError }, 'could not store a failed postback'),
      );
  }

  private checkSource(network: Network, sourceIp: string | null): void {
    const allowlist = network.settings.ipAllowlist;
    if (typeof allowlist !== 'string' || allowlist.trim() === '') return;
    // Compiled once per cached network object, not on every postback.
    let trusted = this.allowlists.get(network);
    if (!trusted) {
      trusted = proxyaddr.compile(
        allowlist
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      );
      this.allowlists.set(network, trusted);
    }
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

/** A message is the source of its report; a replay says so in its actor. */
function sourceOf(item: IntakeItem, inboxId: string): ConversionSource {
  return { kind: 'postback', reference: inboxId, actor: `${item.stored ? 'replay' : 'postback'}:${inboxId}` };
}
