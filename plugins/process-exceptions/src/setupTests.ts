import '@testing-library/jest-dom';

// UI tests type and click like a person; on a busy 2-core CI machine that
// can take longer than jest's default 5 s.
jest.setTimeout(30_000);
