// Public API of the e-ID federation, for the identity module (and the CLI that starts the reference provider).
export { createEidClient, EID_SCOPES, type EidClientOptions, type EidFetch } from './eid.client.ts';
export type {
  CompleteEidAuthorizationInput,
  CreateEidAuthorizationInput,
  EidAuthorizationRequest,
  EidAuthorizationResult,
  NationalEidPort,
} from './eid.port.ts';
export { mapEidClaims, parseIdNumber, type EidClaimsMapping, type EidProfile } from './eid-claims.mapper.ts';
export {
  EID_ASSURANCE_LEVELS,
  isEidAssuranceLevel,
  meetsAssuranceLevel,
  normaliseAssuranceLevel,
  rankAssuranceLevel,
  type EidAssuranceLevel,
} from './eid-assurance.workflow.ts';
export { EID_ERRORS, type EidErrorCode } from './eid.errors.ts';
export { EID_DEV_DEFAULT_CLIENT, resolveEidSettings, type EidSettings } from './eid-settings.workflow.ts';
export { mapEidFailure } from './eid-failure.mapper.ts';
// The reference provider (and its test driver) is in ./dev-provider/index.ts: it loads oidc-provider,
// which only development, tests and the eid-dev command need.
