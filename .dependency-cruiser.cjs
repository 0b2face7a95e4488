/**
 * The house rules for imports (docs/architecture.md): no cycles between files, and every room of
 * src/ imports only from the rooms below it. Run by `npm run check:imports`, part of `npm test`.
 */

/**
 * Rooms from the top floor down (folders end in `/`, single files in `$`); a room may import from
 * its own floor and every floor below.
 */
const FLOORS = [
  ["cli/"],
  ["server/"],
  ["control/"],
  // What the clock moves: a list of domain functions, run by the sweeper and the clock route.
  ["background/"],
  // The handles a running server shares; it names types of the rooms below, so it sits above them.
  ["services\\.ts$"],
  ["operations/"],
  ["domain/"],
  ["events/"],
  ["auth/", "store/", "validation/"],
  ["protocol/", "util/", "model/", "errors\\.ts$"],
];

const roomPattern = (rooms) => `^src/(${rooms.join("|")})`;

const upward = FLOORS.slice(1).map((rooms, i) => ({
  name: `no-upward-from-${rooms.map((room) => room.replace(/\\\.ts\$$|\/$/, "")).join("-")}`,
  comment: "A room may not import from a room above it",
  severity: "error",
  from: { path: roomPattern(rooms) },
  to: { path: roomPattern(FLOORS.slice(0, i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A file may not reach itself through its imports",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^src/model/generated/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
