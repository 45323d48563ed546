/**
 * Exporter type {@code prometheus}: renders metric snapshots in the Prometheus text exposition
 * format, version 0.0.4, for a scrape of {@code /metrics}.
 */
module nexus.monitoring.plugin.prometheus {
  requires nexus.monitoring.api;

  provides nexus.monitoring.api.spi.MonitoringPlugin with
      nexus.monitoring.plugin.prometheus.PrometheusPlugin;
}
