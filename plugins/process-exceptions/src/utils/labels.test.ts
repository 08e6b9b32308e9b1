import { KIND_LABELS, ROLE_LABELS, labelOf } from './labels';

describe('labelOf', () => {
  it('names known values', () => {
    expect(labelOf(KIND_LABELS, 'hotfix')).toBe('P0 hotfix');
    expect(labelOf(ROLE_LABELS, 'product-owner')).toBe('Product owner');
  });
  it('shows unknown values as they are', () => {
    expect(labelOf(ROLE_LABELS, 'security')).toBe('security');
  });
});
