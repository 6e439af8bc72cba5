// The entry of the Powertools Metrics side file (infra/bundling.ts, SIDE_FILES; shared/observability.ts).
export { Metrics } from '@aws-lambda-powertools/metrics';
