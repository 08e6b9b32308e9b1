import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { processExceptionsRebuildPermission } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { readServiceGrants, serviceWriteRefusal } from './serviceWrites';

const rebuild = processExceptionsRebuildPermission;

describe('serviceWriteRefusal', () => {
  const none = readServiceGrants(new ConfigReader({}));

  it('leaves people to the permission policy', () => {
    expect(
      serviceWriteRefusal(mockCredentials.user(), rebuild, none),
    ).toBeUndefined();
  });

  it('refuses a service whose token names no permission, naming both ways to grant it', () => {
    expect(
      serviceWriteRefusal(mockCredentials.service('pipeline'), rebuild, none),
    ).toMatch(
      /process-exceptions.rebuild for service pipeline: .*access restrictions.*processExceptions.servicePermissions/,
    );
  });

  it("lets a service through when its token's access restrictions name the permission", () => {
    const scoped = mockCredentials.service('ops', {
      permissionNames: [rebuild.name],
    });
    expect(serviceWriteRefusal(scoped, rebuild, none)).toBeUndefined();
    const other = mockCredentials.service('ops', {
      permissionNames: ['catalog.entity.read'],
    });
    expect(serviceWriteRefusal(other, rebuild, none)).toBeDefined();
  });

  it('lets a service through when the config grants the permission to its subject', () => {
    const grants = readServiceGrants(
      new ConfigReader({
        processExceptions: {
          servicePermissions: [{ subject: 'ops', permissions: [rebuild.name] }],
        },
      }),
    );
    expect(
      serviceWriteRefusal(mockCredentials.service('ops'), rebuild, grants),
    ).toBeUndefined();
    expect(
      serviceWriteRefusal(mockCredentials.service('other'), rebuild, grants),
    ).toBeDefined();
  });
});
