import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedBuild, hashFiles, log } from '../install-cache.js';
import { repoRoot } from '../paths.js';
import type { Installation } from '../server-definition.js';
import { copyMavenDependencies, ensureJavaAndMaven } from './kafka.js';

/** Kept in step with infra/temporal-test-server/pom.xml, which pins the artifact. */
export const timeSkippingServerVersion = '1.38.0';
const pom = join(repoRoot, 'infra', 'temporal-test-server', 'pom.xml');

/**
 * Temporal's time-skipping test server (Java) from Maven Central, with a launcher script that the
 * SDK's `TestWorkflowEnvironment.createTimeSkipping` runs as `launcher <port>`. Each test file gets
 * its own server, because skipped time is global to a server.
 */
export async function installTimeSkippingServer(): Promise<Installation> {
  await ensureJavaAndMaven();
  const key = `temporal-test-server-${timeSkippingServerVersion}-${hashFiles(pom)}`;
  const home = await cachedBuild(key, async (scratch) => {
    log(
      `fetching Temporal's time-skipping test server ${timeSkippingServerVersion} from Maven Central (first run only)`,
    );
    await copyMavenDependencies(pom, scratch);
    const launcher = join(scratch, 'temporal-test-server');
    // The SDK passes the port and waits a few seconds for it: a small heap and no JIT tiering
    // beyond C1 keep the JVM's start-up short. No --enable-time-skipping: that starts the clock
    // unlocked, and time would then skip past a workflow task's timeout while the worker is still
    // running it. The SDK's client unlocks time only while a test awaits a result.
    writeFileSync(
      launcher,
      [
        '#!/bin/sh',
        'here="$(cd "$(dirname "$0")" && pwd)"',
        'exec java -Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"',
        '',
      ].join('\n'),
    );
    chmodSync(launcher, 0o755);
  });
  return {
    version: timeSkippingServerVersion,
    paths: { launcher: join(home, 'temporal-test-server') },
  };
}
