import { describe, expect, it } from 'vitest';
import { EID_ASSURANCE_LEVELS, meetsAssuranceLevel, normaliseAssuranceLevel, rankAssuranceLevel } from './eid-assurance.workflow.ts';
import { resolveEidSettings } from './eid-settings.workflow.ts';

describe('assurance levels', () => {
  it('ranks level 2 above level 1 and unknown values below both', () => {
    expect(EID_ASSURANCE_LEVELS.map(rankAssuranceLevel)).toEqual([1, 2]);
    expect(rankAssuranceLevel('urn:other:loa:3')).toBe(0);
    expect(rankAssuranceLevel(null)).toBe(0);
  });

  it.each([
    ['urn:vneid:loa:2', 'urn:vneid:loa:2', true],
    ['urn:vneid:loa:2', 'urn:vneid:loa:1', true],
    ['urn:vneid:loa:1', 'urn:vneid:loa:1', true],
    ['urn:vneid:loa:1', 'urn:vneid:loa:2', false],
    [null, 'urn:vneid:loa:1', false],
    ['2', 'urn:vneid:loa:1', false],
  ] as const)('session %j meets %j: %j', (acr, required, expected) => {
    expect(meetsAssuranceLevel(acr, required)).toBe(expected);
  });

  it('reads DVCQG / VNeID loAs and IAL values, never guessing', () => {
    expect(normaliseAssuranceLevel('urn:vneid:loa:1', '2')).toBe('urn:vneid:loa:1');
    expect(normaliseAssuranceLevel(undefined, '2')).toBe('urn:vneid:loa:2');
    expect(normaliseAssuranceLevel(undefined, 1)).toBe('urn:vneid:loa:1');
    expect(normaliseAssuranceLevel('loa-high', '3')).toBeNull();
    expect(normaliseAssuranceLevel(undefined, undefined)).toBeNull();
  });
});

describe('resolveEidSettings', () => {
  const base = { NODE_ENV: 'development' as const, EID_DEV_PORT: 3900 };

  it('uses the reference provider outside production when EID_ISSUER is unset', () => {
    expect(resolveEidSettings(base)).toEqual({ issuer: 'http://localhost:3900', clientId: 'opendvc-portal', clientSecret: 'opendvc-eid-dev-secret', reference: true });
  });

  it('offers no e-ID in production without EID_ISSUER', () => {
    expect(resolveEidSettings({ ...base, NODE_ENV: 'production' })).toBeNull();
  });

  it('uses the configured upstream and demands its client credentials', () => {
    const upstream = { ...base, NODE_ENV: 'production' as const, EID_ISSUER: 'https://sso.example.gov.vn' };
    expect(resolveEidSettings({ ...upstream, EID_CLIENT_ID: 'a', EID_CLIENT_SECRET: 'b' })).toEqual({ issuer: 'https://sso.example.gov.vn', clientId: 'a', clientSecret: 'b', reference: false });
    expect(() => resolveEidSettings(upstream)).toThrow(/IDENTITY_EID_NOT_CONFIGURED/);
  });
});
