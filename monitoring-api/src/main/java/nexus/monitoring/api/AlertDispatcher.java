package nexus.monitoring.api;

/**
 * Delivers alert notifications to every configured {@link nexus.monitoring.api.spi.AlertGateway}.
 *
 * <p>The alert evaluator (and any code that raises alerts itself) hands each notification, firing
 * or resolved, to {@link #dispatch}. The dispatcher does not deduplicate, throttle or reorder
 * alerts; that is the evaluator's job. It promises:
 *
 * <ul>
 *   <li>Every gateway is tried; one that fails or throws does not keep the others from receiving
 *       the alert. A failure is logged with the gateway, the alert's name and fingerprint, and the
 *       reason, and counted in the host's own metrics.
 *   <li>The synchronous dispatcher returns once every gateway has been tried. The queued dispatcher
 *       returns once the alert is stored durably; it then delivers at least once per gateway,
 *       retrying with backoff and moving an alert that keeps failing to a dead letter store, and it
 *       survives restarts.
 *   <li>It is thread-safe.
 * </ul>
 *
 * @since 1.0
 */
public interface AlertDispatcher {

  /**
   * Hands {@code alert} to every gateway, or queues it for them.
   *
   * @throws MonitoringException only when the alert could not be accepted at all, for example when
   *     the queued dispatcher cannot store it; a failing gateway never makes this throw
   */
  void dispatch(AlertContext alert);
}
