/**
 * What a ThaiD sign-in uses of openid-client and jose, in one module that thaid.ts loads on
 * demand. Named one by one so the bundle keeps only these (a dynamic import of a whole package
 * keeps every export).
 */
export { EncryptJWT, jwtDecrypt } from 'jose';
export {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  ClientSecretBasic,
  calculatePKCECodeChallenge,
  discovery,
  enableNonRepudiationChecks,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from 'openid-client';
