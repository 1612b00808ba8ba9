// The reference national e-ID for development and tests (fictional citizens). Never wired in production.
export { startEidDevProvider, type EidDevProvider, type EidDevProviderOptions } from './eid-dev.server.ts';
export { buildPortalEidDevClient, generateEidDevSigningKeys, type EidDevClient } from './eid-dev.config.ts';
export { EID_DEV_CITIZENS, EID_DEV_PASSWORD, type EidDevCitizen } from './eid-dev.citizens.ts';
export { driveEidDevLogin, type EidDevLoginChoice } from './eid-dev.driver.ts';
