package nexus.monitoring.api.spi;

import nexus.monitoring.api.AlertContext;

/**
 * Sends alert notifications to one receiver: a log, a webhook, Sentry, Alertmanager.
 *
 * <p>The {@link nexus.monitoring.api.AlertDispatcher} calls {@link #send} once per notification:
 * first with a {@link nexus.monitoring.api.AlertStatus#FIRING} alert, later with the {@link
 * nexus.monitoring.api.AlertStatus#RESOLVED} alert of the same fingerprint. Implementations must
 * accept that:
 *
 * <ul>
 *   <li>{@code send} may be called from several threads at once, for different alerts.
 *   <li>A queued dispatcher delivers at least once, so the same notification (same fingerprint and
 *       status) may arrive again after a retry or restart; a receiver that deduplicates by
 *       fingerprint, as Alertmanager does, handles that by itself.
 *   <li>{@code send} must not block without bound: give every network call a timeout.
 * </ul>
 *
 * <pre>{@code
 * final class LogGateway implements AlertGateway {
 *   private static final System.Logger LOG = System.getLogger(LogGateway.class.getName());
 *
 *   public void send(AlertContext alert) {
 *     LOG.log(System.Logger.Level.WARNING, "{0} {1} [{2}] {3}",
 *         alert.status(), alert.name(), alert.severity(), alert.summary());
 *   }
 * }
 * }</pre>
 *
 * @since 1.0
 */
public interface AlertGateway {

  /**
   * A short name for the receiver in logs and dead-letter records, such as {@code webhook
   * https://hooks.example/alerts}; never a secret. Defaults to the class's simple name.
   */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * Delivers {@code alert} to the receiver, returning only once it has accepted it.
   *
   * @throws Exception when the alert was not delivered, with a message saying why (the receiver's
   *     status and reply, say); the dispatcher logs it and, when queued, retries
   */
  void send(AlertContext alert) throws Exception;
}
