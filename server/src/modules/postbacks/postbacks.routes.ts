import express, { type Router } from 'express';
import type { Config } from '../../config.js';
import { sendProblem } from '../../platform/http/errors.js';
import { limit } from '../../platform/http/rate-limit.js';
import type { PostbacksService } from './postbacks.service.js';

/**
 * `GET|POST /postback/:networkSlug` — server to server, so no session, no CSRF: the network
 * proves itself with a signature or a URL token. The body is kept raw (signatures are over bytes).
 */
export function postbackRouter(config: Config, postbacks: PostbacksService): Router {
  const router = express.Router();
  const perNetwork = limit({
    name: 'postback',
    windowMs: 60_000,
    limit: config.postbacks.ratePerMinute,
    key: (req) => (typeof req.params.networkSlug === 'string' ? req.params.networkSlug : undefined),
  });
  const handle: express.RequestHandler = async (req, res) => {
    const queryStart = req.originalUrl.indexOf('?');
    const answer = await postbacks.receive(
      req.params.networkSlug as string,
      {
        method: req.method,
        contentType: req.get('content-type') ?? '',
        query: new URLSearchParams(queryStart < 0 ? '' : req.originalUrl.slice(queryStart + 1)),
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        headers: {
          'content-type': req.get('content-type'),
          'webhook-id': req.get('webhook-id'),
          'webhook-timestamp': req.get('webhook-timestamp'),
          'webhook-signature': req.get('webhook-signature'),
          'user-agent': req.get('user-agent'),
        },
      },
      req.ip ?? null,
    );
    res.status(answer.status).json(answer.body);
  };
  const raw = express.raw({ type: () => true, limit: config.postbacks.bodyLimit });
  router.get('/postback/:networkSlug', perNetwork, handle);
  router.post('/postback/:networkSlug', perNetwork, raw, handle);
  router.all('/postback/:networkSlug', (req, res) => {
    res.setHeader('Allow', 'GET, POST');
    sendProblem(req, res, 405, 'METHOD_NOT_ALLOWED', 'Send postbacks with GET or POST.');
  });
  return router;
}
