/**
 * Health checks of network services: an HTTP(S) endpoint ({@code http}: status, body, response
 * time, server certificate expiry) and a TCP port ({@code tcp}: connect time, optional banner).
 *
 * <p>Uses the JDK alone: {@code java.net.http} for HTTP and {@code javax.net.ssl} for TLS.
 */
module nexus.monitoring.plugin.network {
  requires nexus.monitoring.api;
  requires java.net.http;

  provides nexus.monitoring.api.spi.MonitoringPlugin with
      nexus.monitoring.plugin.network.NetworkHealthPlugin;
}
