import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import { ReactNode } from 'react';
import {
  ProcessExceptionsApi,
  processExceptionsApiRef,
} from '../api/ProcessExceptionsApi';
import { entity } from './fixtures';

// `AuthorizeResult` lives in plugin-permission-common, which this package does
// not depend on; take its type from the mock's signature instead.
type Decision = Exclude<
  NonNullable<
    NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize']
  >,
  Function
>;
export const ALLOW = 'ALLOW' as Decision;
export const DENY = 'DENY' as Decision;

export interface TestProvidersProps {
  api: ProcessExceptionsApi;
  /** ALLOW (the default) or DENY every permission. */
  permission?: Decision;
  children: ReactNode;
}

/** The APIs and the entity an entity page gives its content. */
export const TestProviders = ({
  api,
  permission = ALLOW,
  children,
}: TestProvidersProps) => (
  <TestApiProvider
    apis={[
      [processExceptionsApiRef, api],
      [permissionApiRef, mockApis.permission({ authorize: permission })],
    ]}
  >
    <EntityProvider entity={entity}>{children}</EntityProvider>
  </TestApiProvider>
);
