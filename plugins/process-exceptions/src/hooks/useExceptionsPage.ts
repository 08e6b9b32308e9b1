import { useApi } from '@backstage/core-plugin-api';
import {
  ExceptionKind,
  ExceptionStatus,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { processExceptionsApiRef } from '../api';

export interface ExceptionsPageQuery {
  entityRef: string;
  status?: ExceptionStatus;
  kind?: ExceptionKind;
  pageSize: number;
  /** Changing it reloads the current page (after an action changed data). */
  refreshKey?: number;
}

interface PageNavigation {
  key: string;
  cursors: Array<string | undefined>;
  page: number;
}

export interface ExceptionsPageState {
  items: ProcessException[];
  loading: boolean;
  error?: Error;
  /** Zero-based page index. */
  page: number;
  hasNextPage: boolean;
  nextPage(): void;
  previousPage(): void;
  retry(): void;
}

/**
 * One page of a service's exceptions at a time, walking the server's cursors.
 *
 * The cursor of every page seen so far is kept, so going back needs no extra
 * request bookkeeping on the server; changing a filter starts from page one.
 */
export function useExceptionsPage(
  query: ExceptionsPageQuery,
): ExceptionsPageState {
  const api = useApi(processExceptionsApiRef);
  const { entityRef, status, kind, pageSize, refreshKey } = query;
  // cursors[i] is the cursor that loads page i; page 0 has none. The state
  // belongs to one set of filters: new filters start again from page one.
  const key = JSON.stringify([entityRef, status, kind, pageSize]);
  const [nav, setNav] = useState<PageNavigation>({
    key,
    cursors: [undefined],
    page: 0,
  });
  const current: PageNavigation =
    nav.key === key ? nav : { key, cursors: [undefined], page: 0 };
  const { page } = current;
  const cursor = current.cursors[page];

  const state = useAsyncRetry(
    () =>
      api.listExceptions({ entityRef, status, kind, limit: pageSize, cursor }),
    // refreshKey only re-runs the request
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entityRef, status, kind, pageSize, cursor, refreshKey],
  );

  const nextCursor = state.loading ? null : state.value?.nextCursor ?? null;
  const nextPage = () => {
    if (!nextCursor) return;
    setNav({
      key,
      cursors: [...current.cursors.slice(0, page + 1), nextCursor],
      page: page + 1,
    });
  };
  const previousPage = () =>
    setNav({ ...current, page: Math.max(0, page - 1) });

  return {
    items: state.value?.items ?? [],
    loading: state.loading,
    error: state.error,
    page,
    hasNextPage: !!nextCursor,
    nextPage,
    previousPage,
    retry: state.retry,
  };
}
