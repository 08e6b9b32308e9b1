import { takeContractBreaches } from './__testUtils__/responseContract';

function expectResponsesMatchTheSpec() {
  expect(takeContractBreaches()).toEqual([]);
}

// Every response an API test provokes is checked against openapi.yaml.
afterEach(expectResponsesMatchTheSpec);
