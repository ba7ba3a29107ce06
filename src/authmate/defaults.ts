/**
 * The defaults of issue-secret, in a module with no imports: the CLI's flag declarations show
 * them in `--help` without loading the operations.
 */
export const DEFAULT_PLACEMENT_POLICY = 'REP 2 IN X CBF 3 SELECT 2 FROM * AS X';
/** 720h, as Go authmate. */
export const DEFAULT_LIFETIME_MS = 720 * 3_600_000;
/** What today's gateways read (neofs-s3-gw v0.45+ reads only g4); g3 when bearer rules are given (see `defaultBoxFormat`). */
export const DEFAULT_BOX_FORMAT = 'g4';
