import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { ExceptionStore } from '../database/ExceptionStore';

/** @internal */
export interface RouterOptions {
  store: ExceptionStore;
  logger: LoggerService;
}

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', async (_req, res) => {
    await store.ping();
    res.json({ status: 'ok' });
  });

  return router;
}
