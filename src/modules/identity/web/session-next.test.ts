import { describe, expect, it } from 'vitest';
import { safeNextPath } from './session.hooks.ts';

describe('where to go after login', () => {
  it('accepts only paths of this site', () => {
    expect(safeNextPath('/dang-nhap/uy-quyen/abc')).toBe('/dang-nhap/uy-quyen/abc');
    expect(safeNextPath('/thu-tuc?q=ho+chieu')).toBe('/thu-tuc?q=ho+chieu');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', '/a b', 42, null, `/${'a'.repeat(600)}`]) {
      expect(safeNextPath(bad), String(bad)).toBeNull();
    }
  });
});
