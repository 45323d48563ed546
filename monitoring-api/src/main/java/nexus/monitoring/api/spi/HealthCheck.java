package nexus.monitoring.api.spi;

import nexus.monitoring.api.HealthCheckResult;

/**
 * A probe of one thing the host watches: a disk, a database, a queue.
 *
 * <p>The runner calls {@link #check()} on its own thread, under the instance's timeout, never twice
 * at once for the same instance. An exception thrown from it becomes a CRITICAL result carrying the
 * exception's message; a call that outlives its timeout becomes a CRITICAL result and is
 * interrupted. Implementations should respond to interruption and keep no lock across calls.
 *
 * @since 1.0
 */
public interface HealthCheck {

  /**
   * Probes once and says what was found.
   *
   * @return the result; the runner stamps its duration and time
   * @throws Exception when the probe cannot complete; reported as CRITICAL with the message
   */
  HealthCheckResult check() throws Exception;
}
