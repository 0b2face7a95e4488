import { defineConfig } from "vitest/config";
import { DEFAULT_COVERAGE_DIR } from "./tools/model-file.js";

/** Every server the tests start records the output members it answers here (see test/global-setup.ts). */
const coverageDir = process.env.PCLOCAL_COVERAGE_DIR ?? DEFAULT_COVERAGE_DIR;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
    env: {
      // Node 20 is supported here; the SDK's notice about its own future support is noise in test output.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      PCLOCAL_COVERAGE_DIR: coverageDir,
    },
  },
});
