package nexus.monitoring.api.spi;

import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.SecretMask;

/**
 * A health check whose author writes only the probe: this class gathers what the probe observed,
 * turns an exception into a CRITICAL result with a readable message, and puts the observations into
 * the result's details, before or after a failure alike.
 *
 * <pre>{@code
 * final class PingCheck extends AbstractHealthCheck {
 *   private final HealthThreshold latency;
 *   private final InetSocketAddress address;
 *
 *   @Inject
 *   PingCheck(PluginSettings settings) {
 *     this.address = ...;
 *     this.latency = HealthThreshold.durationAbove(settings, "warning-latency", "critical-latency");
 *   }
 *
 *   @Override
 *   protected HealthCheckResult probe(Observations observed) throws Exception {
 *     observed.time("connect.seconds", () -> connect(address));
 *     return latency.judge("connect latency", (double) observed.get("connect.seconds"));
 *   }
 * }
 * }</pre>
 *
 * <p>The runner stamps duration and time on the result, applies the timeout and interrupts a probe
 * that outlives it; a probe should let {@link InterruptedException} through, which this class does.
 * Schedule suggestions ({@link #interval()}, {@link #timeout()}, {@link #initialDelay()}, {@link
 * #jitter()}) keep the defaults of {@link ScheduledHealthCheck} unless overridden; configuration
 * wins over them.
 *
 * @since 1.0
 */
public abstract class AbstractHealthCheck implements ScheduledHealthCheck {

  protected AbstractHealthCheck() {}

  /**
   * Probes once. Record what was seen in {@code observed} as you go; return the verdict.
   *
   * @param observed where to put observed values; they become the result's details
   * @return the verdict; its own details are added after the observations, winning on a shared key
   * @throws Exception when the probe cannot complete; reported as CRITICAL with {@link
   *     #describe(Exception)}
   */
  protected abstract HealthCheckResult probe(Observations observed) throws Exception;

  @Override
  public final HealthCheckResult check() throws InterruptedException {
    Observations observed = new Observations();
    HealthCheckResult verdict;
    try {
      verdict = probe(observed);
      if (verdict == null) {
        verdict = HealthCheckResult.critical("the probe returned no result");
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      verdict =
          HealthCheckResult.of(failureStatus(e), describe(e))
              .withDetail("exception", e.getClass().getName());
    }
    HealthCheckResult result = HealthCheckResult.of(verdict.status(), verdict.message());
    for (var entry : observed.asMap().entrySet()) {
      result = result.withDetail(entry.getKey(), entry.getValue());
    }
    for (var entry : verdict.details().entrySet()) {
      result = result.withDetail(entry.getKey(), entry.getValue());
    }
    return result;
  }

  /**
   * The status a failed probe reports; CRITICAL unless overridden (a check may report OFFLINE when
   * it could not tell at all).
   */
  protected HealthStatus failureStatus(Exception e) {
    return HealthStatus.CRITICAL;
  }

  /**
   * One line saying why the probe failed: the exception's message, followed by its root cause's
   * when that says something more (a driver's "connection failed" over "Connection refused"), with
   * any password in a URI masked. Override to word a known failure better.
   */
  protected String describe(Exception e) {
    String message = messageOf(e);
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e) {
      String rootMessage = messageOf(root);
      if (!message.contains(rootMessage)) {
        message = message + ": " + rootMessage;
      }
    }
    return SecretMask.uris(message);
  }

  private static String messageOf(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip();
  }
}
