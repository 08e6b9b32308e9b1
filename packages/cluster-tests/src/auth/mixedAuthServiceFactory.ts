import {
  authServiceFactory,
  externalTokenHandlersServiceRef,
  pluginTokenHandlerDecoratorServiceRef,
} from '@backstage/backend-defaults/auth';
import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/** What the framework calls on a service factory; not part of its public type. */
type FactoryFunction = {
  factory(deps: object, context: undefined): Promise<AuthService>;
};

/**
 * The auth service for the auth matrix: tokens made by `mockCredentials`
 * (they start with `mock-`) go to the mock auth service, so a test can be
 * any user; every other token goes to Backstage's real auth service, so the
 * static tokens of `backend.auth.externalAccess` — and their access
 * restrictions — are checked exactly as in production, from config.
 */
export const mixedAuthServiceFactory = createServiceFactory({
  service: coreServices.auth,
  // The real factory's dependencies, all public service refs.
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    discovery: coreServices.discovery,
    plugin: coreServices.pluginMetadata,
    database: coreServices.database,
    pluginTokenHandlerDecorator: pluginTokenHandlerDecoratorServiceRef,
    externalTokenHandlers: externalTokenHandlersServiceRef,
  },
  async factory(deps): Promise<AuthService> {
    const real = await (
      authServiceFactory as unknown as FactoryFunction
    ).factory(deps, undefined);
    const mock = mockServices.auth({ pluginId: deps.plugin.getId() });
    const isMock = (token: string) => token.startsWith('mock-');
    return {
      authenticate: (token, options) =>
        isMock(token)
          ? mock.authenticate(token, options)
          : real.authenticate(token, options),
      isPrincipal: real.isPrincipal.bind(real) as AuthService['isPrincipal'],
      getNoneCredentials: () => real.getNoneCredentials(),
      getOwnServiceCredentials: () => real.getOwnServiceCredentials(),
      getPluginRequestToken: options => real.getPluginRequestToken(options),
      getLimitedUserToken: credentials => mock.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => real.listPublicServiceKeys(),
    };
  },
});
